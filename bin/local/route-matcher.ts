import { compileTemplate, decodedSegments, matchTemplate, type CompiledTemplate } from '../../shared/http/path-template.js';
import { routeKey, type Route } from '../../shared/routes.js';

export interface RouteMatch {
  readonly route: Route;
  readonly routeKey: string;
  /** Decoded values, as API Gateway HTTP APIs pass them. */
  readonly pathParameters: Record<string, string>;
}

/** Thrown for a path whose percent-encoding is broken; API Gateway answers such requests 400. */
export class MalformedPathError extends Error {}

/**
 * Matches requests to route-table rows the way API Gateway HTTP APIs do: `{param}` is one segment,
 * `{param+}` the rest of the path; literal segments beat parameters; `ANY` rows take every method;
 * no match means 404.
 */
export class RouteMatcher {
  private readonly compiled: (CompiledTemplate & { route: Route })[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes
      .map((route) => ({ ...compileTemplate(route.path), route }))
      // API Gateway: most literal segments first, a greedy row last, a method-specific row before ANY.
      .sort(
        (a, b) =>
          b.literals - a.literals ||
          Number(a.greedy) - Number(b.greedy) ||
          Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY'),
      );
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const decoded = decodedSegments(rawPath);
    if (!decoded) throw new MalformedPathError('Malformed percent-encoding in path');
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method && candidate.route.method !== 'ANY') continue;
      const params = matchTemplate(candidate, decoded);
      if (params) return { route: candidate.route, routeKey: routeKey(candidate.route), pathParameters: params };
    }
    return undefined;
  }
}
