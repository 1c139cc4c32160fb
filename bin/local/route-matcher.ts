import { routeKey, type Route } from '../../shared/routes.js';

export interface RouteMatch {
  readonly route: Route;
  readonly routeKey: string;
  /** Decoded values, as API Gateway HTTP APIs pass them. */
  readonly pathParameters: Record<string, string>;
}

interface Compiled {
  readonly route: Route;
  readonly segments: readonly string[];
  readonly greedy: boolean;
  /** API Gateway prefers the most specific route: more literal segments first. */
  readonly literals: number;
}

/** Thrown for a path whose percent-encoding is broken; API Gateway answers such requests 400. */
export class MalformedPathError extends Error {}

/**
 * Matches requests to route-table rows the way API Gateway HTTP APIs do: `{param}` is one segment,
 * `{param+}` the rest of the path; literal segments beat parameters; no match means 404.
 */
export class RouteMatcher {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes
      .map((route) => {
        const segments = route.path.split('/').slice(1);
        return {
          route,
          segments,
          greedy: segments.at(-1)?.endsWith('+}') ?? false,
          literals: segments.filter((s) => !s.startsWith('{')).length,
        };
      })
      .sort((a, b) => b.literals - a.literals || Number(a.greedy) - Number(b.greedy));
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const encoded = rawPath.split('/').slice(1);
    let decoded: string[];
    try {
      decoded = encoded.map((segment) => decodeURIComponent(segment));
    } catch {
      throw new MalformedPathError('Malformed percent-encoding in path');
    }
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method) continue;
      const params = matchSegments(candidate, decoded);
      if (params) return { route: candidate.route, routeKey: routeKey(candidate.route), pathParameters: params };
    }
    return undefined;
  }
}

function matchSegments(candidate: Compiled, path: readonly string[]): Record<string, string> | undefined {
  const { segments, greedy } = candidate;
  if (greedy ? path.length < segments.length : path.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const pattern = segments[i]!;
    const value = path[i]!;
    if (pattern.startsWith('{')) {
      const name = pattern.slice(1, -1).replace(/\+$/, '');
      if (pattern.endsWith('+}')) {
        params[name] = path.slice(i).join('/');
        return params;
      }
      if (value === '') return undefined;
      params[name] = value;
    } else if (pattern !== value) {
      return undefined;
    }
  }
  return params;
}
