/**
 * The fax document types (DESIGN.md, "Fax document types"): the labels the gateway's
 * `classifyDocument` proposes for an incoming fax, in the order of the local model's outputs
 * (decision 037), from the schema's vocabulary, so intake, evaluation and the trainer all use it; the
 * mapping of each type to a chart document type belongs to intake (server/intake/fax-types.ts).
 */
import { FAX_TYPES, type FaxType } from '#db/schema/faxes.ts'

// One vocabulary: the fax tables check their columns against the same list (db/schema/faxes.ts).
export { FAX_TYPES, type FaxType }
export const FAX_TYPE_VALUES: readonly FaxType[] = Object.values(FAX_TYPES)

export function isFaxType(value: unknown): value is FaxType {
	return typeof value === 'string' && (FAX_TYPE_VALUES as readonly string[]).includes(value)
}
