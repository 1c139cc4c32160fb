/**
 * ECDSA signature re-encoding. KMS (like OpenSSL) returns ECDSA signatures as DER, the
 * `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` of RFC 3279 §2.2.3; JWS wants the raw form,
 * the big-endian octets of r and s, each padded to the curve's size, concatenated (RFC 7518 §3.4).
 */

const SEQUENCE = 0x30;
const INTEGER = 0x02;

/**
 * Converts a DER ECDSA signature to JWS r||s. `size` is the octet length of one integer: 32 for
 * P-256 (ES256), 48 for P-384 (ES384). DER integers are minimal and signed, so one may carry a
 * leading 0x00 (when its top bit is set) or be shorter than `size` (when it has leading zero octets).
 */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Buffer {
  const reader = new DerReader(der);
  const sequence = reader.element(SEQUENCE);
  reader.end();
  const inner = new DerReader(sequence);
  const r = inner.element(INTEGER);
  const s = inner.element(INTEGER);
  inner.end();
  return Buffer.concat([unsignedFixed(r, size), unsignedFixed(s, size)]);
}

/** Curve integer size for an ECDSA JWS algorithm (RFC 7518 §3.4: ES256 → 32, ES384 → 48 octets). */
export function ecdsaIntegerSize(algorithm: 'ES256' | 'ES384'): number {
  return algorithm === 'ES256' ? 32 : 48;
}

/** A DER INTEGER's content as an unsigned integer of exactly `size` octets. */
function unsignedFixed(integer: Uint8Array, size: number): Buffer {
  if (integer.length === 0) throw new Error('Malformed ECDSA signature: empty INTEGER');
  // r and s lie in [1, n-1] (SEC 1 §4.1.3), so a set sign bit means the encoding is not an ECDSA value.
  if ((integer[0]! & 0x80) !== 0) throw new Error('Malformed ECDSA signature: negative INTEGER');
  let start = 0;
  while (start < integer.length - 1 && integer[start] === 0) start++;
  const magnitude = integer.subarray(start);
  if (magnitude.length > size) throw new Error(`Malformed ECDSA signature: INTEGER longer than ${size} octets`);
  const out = Buffer.alloc(size);
  out.set(magnitude, size - magnitude.length);
  return out;
}

/** Just enough of a DER reader for the two-integer sequence (X.690 §8.1: tag, length, contents). */
class DerReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  element(tag: number): Uint8Array {
    if (this.bytes[this.offset] !== tag) {
      throw new Error(`Malformed ECDSA signature: expected tag 0x${tag.toString(16)} at offset ${this.offset}`);
    }
    this.offset++;
    const length = this.length();
    const end = this.offset + length;
    if (end > this.bytes.length) throw new Error('Malformed ECDSA signature: truncated');
    const contents = this.bytes.subarray(this.offset, end);
    this.offset = end;
    return contents;
  }

  end(): void {
    if (this.offset !== this.bytes.length) throw new Error('Malformed ECDSA signature: trailing bytes');
  }

  /** Short form (one octet < 0x80) or long form (0x81/0x82 then the length, X.690 §8.1.3.5). */
  private length(): number {
    const first = this.bytes[this.offset++];
    if (first === undefined) throw new Error('Malformed ECDSA signature: truncated');
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 2) throw new Error('Malformed ECDSA signature: unsupported length');
    let length = 0;
    for (let i = 0; i < count; i++) {
      const octet = this.bytes[this.offset++];
      if (octet === undefined) throw new Error('Malformed ECDSA signature: truncated');
      length = (length << 8) | octet;
    }
    return length;
  }
}
