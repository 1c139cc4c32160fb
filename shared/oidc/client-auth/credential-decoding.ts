/**
 * RFC 6749 §2.3.1: before Basic encoding, the client id and secret are each encoded with the
 * application/x-www-form-urlencoded algorithm (Appendix B), so ':' or '%' in a secret arrive as
 * "%3A" / "%25" and '+' stands for a space.
 *
 * Many clients (curl -u, older libraries) skip that step. Keycloak 26 (BasicAuthHelper.RFC6749,
 * BasicAuthHelperTest "..._notUrlEncoded") then keeps the value as sent. The same rule here: a value
 * made only of what a form encoder can emit (unreserved characters, '+', well-formed %XX sequences
 * decoding to UTF-8) is decoded; anything else ('#', '@', ':', a stray '%', ...) cannot be encoder
 * output and is taken literally.
 */
const ENCODED = /^(?:[A-Za-z0-9*\-._~!'()+]|%[0-9A-Fa-f]{2})*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeCredentialPart(value: string): string {
  if (!ENCODED.test(value)) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '%') {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char === '+' ? 0x20 : char.charCodeAt(0));
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return value;
  }
}
