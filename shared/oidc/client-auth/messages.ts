/**
 * Keycloak 26's client-authentication error descriptions (services/.../authenticators/client/*,
 * AuthenticationProcessor.handleClientAuthException, TokenEndpoint.checkClient), kept in one place so
 * every method answers with the same words Keycloak does.
 */

/** Unknown, disabled, wrong or missing secret, wrong method for the client: one answer for all, so none leaks. */
export const INVALID_CLIENT_CREDENTIALS = 'Invalid client or Invalid client credentials';

/** TokenEndpoint / TokenRevocationEndpoint / LogoutEndpoint .checkClient. */
export const BEARER_ONLY_NOT_ALLOWED = 'Bearer-only not allowed';

/** AuthorizeClientUtil.authorizeClient: a SAML client at an OIDC endpoint. */
export const WRONG_CLIENT_PROTOCOL = 'Wrong client protocol.';

/** RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request." */
export const MULTIPLE_METHODS = 'More than one client authentication method in the request';

/** RFC 7521 §4.2 client_id "MUST identify the same client" as the Basic credentials do. */
export const CLIENT_ID_MISMATCH_BASIC = 'client_id parameter does not match the client in the Authorization header';

/** RFC 7523 §2.2: the only client_assertion_type defined for JWTs. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

// AbstractJWTClientValidator.validateClientAssertionParameters (returned as they are).
export const ASSERTION_TYPE_MISSING = 'Parameter client_assertion_type is missing';
export const assertionTypeUnexpected = (value: string): string =>
  `Parameter client_assertion_type has value '${value}' but expected is '${JWT_BEARER_ASSERTION_TYPE}'`;
export const ASSERTION_MISSING = 'client_assertion parameter missing';

/** JWTClientAuthenticator.getSignatureValidationKey: no usable key for the assertion. */
export const UNABLE_TO_LOAD_PUBLIC_KEY = 'Unable to load public key';

/** Prefixes Keycloak puts before the reason an assertion was refused (JWTClientAuthenticator, JWTClientSecretAuthenticator). */
export const PRIVATE_KEY_JWT_FAILED = 'Client authentication with signed JWT failed: ';
export const CLIENT_SECRET_JWT_FAILED = 'Client authentication with client secret signed JWT failed: ';

// Reasons (AbstractBaseJWTValidator / AbstractJWTClientValidator / JWTClientValidator).
export const SUB_REQUIRED = 'Token sub claim is required';
export const CLIENT_ID_MISMATCH_SUB = 'client_id parameter does not match sub claim';
export const ISSUER_MISMATCH = 'Issuer mismatch. The issuer should match the subject';
export const INVALID_SIGNATURE_ALGORITHM = 'Invalid signature algorithm';
export const SIGNATURE_INVALID = 'Signature on JWT token failed validation';
export const SECRET_SIGNATURE_INVALID = 'Signature on JWT token by client secret failed validation';
export const INVALID_AUDIENCE = 'Invalid token audience';
export const MULTIPLE_AUDIENCES = 'Multiple audiences not allowed';
export const EXP_REQUIRED = 'Token exp claim is required';
export const NOT_ACTIVE = 'Token is not active';
export const EXP_TOO_FAR_WITHOUT_IAT = 'Token expiration is too far in the future and iat claim not present in token';
export const ISSUED_IN_FUTURE = 'Token was issued in the future';
export const ISSUED_TOO_LONG_AGO = 'Token was issued too far in the past to be used now';
export const JTI_REQUIRED = 'Token jti claim is required';
export const TOKEN_REUSE = 'Token reuse detected';
export const MALFORMED_ASSERTION = 'Malformed client assertion';
