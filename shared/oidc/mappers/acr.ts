import type { MapperContext } from './mapper.js';

/** AuthenticationManager.SSO_AUTH, Constants.LEVEL_OF_AUTHENTICATION, OIDCLoginProtocol.CLAIMS_PARAM / ACR_PARAM. */
export const CLIENT_SESSION_NOTE = {
  ssoAuth: 'SSO_AUTH',
  levelOfAuthentication: 'level-of-authentication',
  claims: 'claims',
  acrValues: 'acr_values',
} as const;

/** Constants.ACR_LOA_MAP, DEFAULT_ACR_VALUES, MINIMUM_ACR_VALUE (client attributes; the map also a realm attribute). */
const ACR_LOA_MAP = 'acr.loa.map';
const DEFAULT_ACR_VALUES = 'default.acr.values';
const MINIMUM_ACR_VALUE = 'minimum.acr.value';
/** Constants.CFG_DELIMITER, which separates the values of multivalued client attributes. */
const CFG_DELIMITER = '##';

function parseLoaMap(json: string | undefined): Map<string, number> {
  if (!json) return new Map();
  try {
    const parsed = JSON.parse(json) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return new Map();
    return new Map(Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    return new Map();
  }
}

/** AcrUtils.getAcrLoaMap(client): the client's map, or the realm's when the client has none. */
function acrLoaMap(ctx: MapperContext): Map<string, number> {
  const own = parseLoaMap(ctx.client.attributes?.[ACR_LOA_MAP]);
  return own.size > 0 ? own : parseLoaMap(ctx.realm.attributes?.[ACR_LOA_MAP]);
}

/** AcrUtils.getAcrValues(claimsParam, acrValuesParam, essential): the `acr` of the claims parameter's id_token member. */
function requestedAcrValues(claimsParam: string | undefined, acrValuesParam: string | undefined, essentialOnly: boolean): string[] {
  const values = acrValuesParam !== undefined && !essentialOnly ? acrValuesParam.split(' ') : [];
  if (claimsParam === undefined) return values;
  try {
    const claims = JSON.parse(claimsParam) as { id_token?: { acr?: { essential?: boolean; value?: string; values?: string[] } | null } } | null;
    const acr = claims?.id_token?.acr;
    if (acr && (!essentialOnly || acr.essential === true)) {
      if (Array.isArray(acr.values)) values.push(...acr.values);
      else if (typeof acr.value === 'string') values.push(acr.value);
    }
  } catch {
    // Keycloak logs "Invalid claims parameter" and carries on without it.
  }
  return values;
}

/**
 * AcrUtils.getLoaForAcr: the map, else the levels of the realm's browser flow. Gatehouse's flows have
 * no "Condition - Level of Authentication" yet, for which Keycloak's default levels are 0 (SSO) and 1.
 */
function loaForAcr(acr: string, map: Map<string, number>): number | undefined {
  return map.get(acr) ?? (acr === '0' || acr === '1' ? Number(acr) : undefined);
}

/** AcrUtils.enforceMinimumAcr: drops requested values below the client's minimum ACR, falling back to the minimum. */
function enforceMinimumAcr(values: string[], ctx: MapperContext, map: Map<string, number>): string[] {
  const minimumAcr = ctx.client.attributes?.[MINIMUM_ACR_VALUE];
  if (!minimumAcr) return values;
  const minimumLoa = loaForAcr(minimumAcr, map);
  if (minimumLoa === undefined) return values;
  const kept = values.filter((value) => {
    const loa = loaForAcr(value, map);
    return loa !== undefined && loa >= minimumLoa;
  });
  return kept.length > 0 ? kept : [minimumAcr];
}

/** AcrUtils.mapLoaToAcr: the requested value with the highest level not above the achieved one (a bare number maps to itself). */
function mapLoaToAcr(loa: number, map: Map<string, number>, values: Iterable<string>): string | undefined {
  let acr: string | undefined;
  let maxLoa = -1;
  if (map.size === 0) return undefined;
  for (const value of values) {
    const mapped = map.get(value) ?? (/^[+-]?\d+$/.test(value) ? Number(value) : undefined);
    if (mapped !== undefined && mapped > maxLoa && loa >= mapped) {
      acr = value;
      maxLoa = mapped;
    }
  }
  return acr;
}

/**
 * AcrProtocolMapper.getAcr. The achieved level is the client session's `level-of-authentication`
 * note; without one (no step-up conditions in the flow) it is 0 when the login reused the SSO cookie
 * and 1 for a fresh authentication. The level is then named through the acr→LoA map, preferring
 * essential `acr` claims, then acr_values / the claims parameter / the client's default ACR values,
 * then any mapped name; with no mapping the level itself ("0" or "1") is the acr.
 */
export function achievedAcr(ctx: MapperContext): string {
  const notes = ctx.clientSessionNotes ?? {};
  const noted = notes[CLIENT_SESSION_NOTE.levelOfAuthentication];
  let loa = noted === undefined ? -1 : Number.parseInt(noted, 10);
  if (!(loa >= 0)) loa = notes[CLIENT_SESSION_NOTE.ssoAuth]?.toLowerCase() === 'true' ? 0 : 1;
  const map = acrLoaMap(ctx);
  const claimsParam = notes[CLIENT_SESSION_NOTE.claims];
  const essential = mapLoaToAcr(loa, map, requestedAcrValues(claimsParam, undefined, true));
  if (essential !== undefined) return essential;
  let requested = requestedAcrValues(claimsParam, notes[CLIENT_SESSION_NOTE.acrValues], false);
  if (requested.length === 0) requested = (ctx.client.attributes?.[DEFAULT_ACR_VALUES] ?? '').split(CFG_DELIMITER).filter(Boolean);
  return mapLoaToAcr(loa, map, enforceMinimumAcr(requested, ctx, map)) ?? mapLoaToAcr(loa, map, map.keys()) ?? String(loa);
}
