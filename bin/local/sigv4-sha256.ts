/** The SHA-256 shape @smithy/signature-v4 takes; it lives in shared/ (the SES mail adapter signs with it too). */
export { NodeSha256 } from '../../shared/crypto/sigv4-sha256.js';
