import { decodeProtectedHeader } from 'jose';
import { flowNames, prepareFlow, type FlowName, type GatehouseTarget } from '../load/gatehouse-flows.js';

/**
 * Asymmetric signatures in one response of each flow (access and ID tokens signed RS256/ES256/PS256):
 * each is one KMS Sign with `kms` key custody. Refresh tokens are HMAC-signed with an envelope key,
 * which costs no KMS call per request.
 */
export async function signaturesPerFlow(target: GatehouseTarget): Promise<Record<FlowName, number>> {
  const counts = {} as Record<FlowName, number>;
  for (const flow of flowNames) {
    const request = await prepareFlow(flow, target, 1);
    const body = request.body ?? request.perConnectionBodies?.[0];
    const response = await fetch(`${target.baseUrl}${request.path}`, { method: request.method, headers: request.headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Not JSON (none of the flows answers otherwise today): no tokens in it.
    }
    counts[flow] = Object.values(json).filter((value) => typeof value === 'string' && isAsymmetricJwt(value)).length;
  }
  return counts;
}

function isAsymmetricJwt(value: string): boolean {
  if (value.split('.').length !== 3) return false;
  try {
    return /^(RS|PS|ES)\d+$/.test(String(decodeProtectedHeader(value).alg));
  } catch {
    return false;
  }
}
