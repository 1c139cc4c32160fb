/**
 * API Gateway path templates: `{param}` is one non-empty segment, `{param+}` (last only) the rest of
 * the path. Segments are compared decoded, as API Gateway passes path parameters decoded.
 */
export interface CompiledTemplate {
  readonly template: string;
  readonly segments: readonly string[];
  readonly greedy: boolean;
  readonly literals: number;
}

export function compileTemplate(template: string): CompiledTemplate {
  const segments = template.split('/').slice(1);
  return {
    template,
    segments,
    greedy: segments.at(-1)?.endsWith('+}') ?? false,
    literals: segments.filter((segment) => !segment.startsWith('{')).length,
  };
}

/** The path's parameters when it matches the template, else undefined. `path` is decoded segments. */
export function matchTemplate(compiled: CompiledTemplate, path: readonly string[]): Record<string, string> | undefined {
  const { segments, greedy } = compiled;
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

/** Decoded path segments; undefined when the percent-encoding is broken. */
export function decodedSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}
