import { AppError, type ErrorCode } from '../platform/errors.ts'

/**
 * The inference gateway's error codes, by name. Every refusal the gateway makes carries one of
 * these, so a caller (and the ledger) can tell an allowlist refusal from a de-identification
 * refusal from a provider failure without reading a message. Each is declared, with its HTTP
 * status and exposure, in the registry (server/platform/errors.ts).
 */
export const GATEWAY_ERRORS = {
	/** The endpoint is not in the registry, or not allowed for this feature or envelope. */
	endpointNotAllowed: 'GATEWAY_ENDPOINT_NOT_ALLOWED',
	/** The registry or routing file does not validate (PHI to a non-BAA endpoint, unknown ids…). */
	configInvalid: 'GATEWAY_CONFIG_INVALID',
	/** The acting role may not invoke this feature (model-layer RBAC). */
	featureDenied: 'GATEWAY_FEATURE_DENIED',
	/** Input over the token or length cap. */
	inputTooLarge: 'GATEWAY_INPUT_TOO_LARGE',
	/** Every endpoint failed and policy allows no fallback. */
	providerFailed: 'GATEWAY_PROVIDER_FAILED',
	/** A provider answered with something that does not parse. */
	providerMalformed: 'GATEWAY_PROVIDER_MALFORMED',
	/** A provider did not answer within the endpoint's timeout. */
	providerTimeout: 'GATEWAY_PROVIDER_TIMEOUT',
	/** A guard could not run: the call is refused, never sent unguarded. */
	guardFailed: 'GATEWAY_GUARD_FAILED',
	/** An output guard blocked the answer. */
	outputBlocked: 'GATEWAY_OUTPUT_BLOCKED',
	/** De-identification was unsure or failed: the text is never sent raw. */
	deidUncertain: 'DEID_UNCERTAIN',
	/** The stand-alone gateway service (GATEWAY_URL) could not be reached. */
	unavailable: 'GATEWAY_UNAVAILABLE',
	/** The request was cancelled by the caller. */
	cancelled: 'GATEWAY_CANCELLED',
} as const satisfies Record<string, GatewayErrorCode>

/** The registry's gateway codes: `GATEWAY_*`, and DEID_UNCERTAIN (de-identification is a gateway step). */
export type GatewayErrorCode = Extract<ErrorCode, `GATEWAY_${string}` | 'DEID_UNCERTAIN'>

export class GatewayError extends AppError {
	declare readonly code: GatewayErrorCode
	constructor(code: GatewayErrorCode, message: string, options: { cause?: unknown } = {}) {
		super(code, message, options)
		this.name = 'GatewayError'
	}
}
