/**
 * RegexPatternsPasswordPolicyProvider compiles the config with java.util.regex.Pattern and requires
 * Matcher.matches(), a match of the whole password. We anchor the pattern and compile it as a JavaScript
 * RegExp, first with the `u` flag (so \p{...} classes work as in Java), then, for patterns without
 * \p / \P, without it (Java, unlike `u` mode, accepts escapes like \@). Java-only syntax such as
 * possessive quantifiers or atomic groups does not compile here and is reported as invalid.
 */
export function compileJavaPattern(pattern: string): RegExp | undefined {
  const anchored = `^(?:${pattern})$`;
  try {
    return new RegExp(anchored, 'u');
  } catch {
    if (/\\[pP]/.test(pattern)) return undefined;
    try {
      return new RegExp(anchored);
    } catch {
      return undefined;
    }
  }
}
