/** A UUID in its canonical text form (any version, either case): what every id column holds. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `value` can be an id: checked before a query, so a malformed id is "not found". */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value)
