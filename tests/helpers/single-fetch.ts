/**
 * Reads the body of a Remix single-fetch response (`/route.data`, what a fetcher receives) in a
 * test. Single fetch encodes with turbo-stream: the first line is one flat JSON array whose
 * element 0 is the root; an object is `{ "_<key index>": <value index> }`, an array lists value
 * indexes, and small negative numbers stand for null and undefined. Only plain data (objects,
 * arrays, strings, numbers, booleans, null) is decoded; anything else (dates, promises, errors)
 * throws, so a test never reads a half-decoded value.
 */
const NULL = -5
const UNDEFINED = -7

export async function singleFetchData(response: Response): Promise<unknown> {
	const text = await response.text()
	const firstLine = text.split('\n', 1)[0] ?? ''
	let flat: unknown
	try {
		flat = JSON.parse(firstLine)
	} catch {
		throw new Error(`not a single-fetch body (HTTP ${response.status}): ${text.slice(0, 200)}`)
	}
	if (!Array.isArray(flat) || flat.length === 0)
		throw new Error(`not a single-fetch body: ${firstLine.slice(0, 200)}`)
	const values: unknown[] = flat
	const hydrate = (index: unknown, depth: number): unknown => {
		if (depth > 50) throw new Error('single-fetch body nested too deeply')
		if (index === NULL) return null
		if (index === UNDEFINED) return undefined
		if (typeof index !== 'number' || index < 0 || index >= values.length)
			throw new Error(`unsupported single-fetch reference ${String(index)}`)
		const value = values[index]
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value
		if (Array.isArray(value)) {
			if (!value.every((v) => typeof v === 'number'))
				throw new Error(`unsupported single-fetch type ${JSON.stringify(value).slice(0, 60)}`)
			return value.map((v) => hydrate(v, depth + 1))
		}
		const object: Record<string, unknown> = {}
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			const keyIndex = Number(key.slice(1))
			if (!key.startsWith('_') || typeof values[keyIndex] !== 'string')
				throw new Error(`unsupported single-fetch key ${key}`)
			object[values[keyIndex] as string] = hydrate(v, depth + 1)
		}
		return object
	}
	return hydrate(0, 0)
}

/** An action's result from single fetch: `{ data }`, or throws on an error or a redirect. */
export async function actionData(response: Response): Promise<unknown> {
	const body = (await singleFetchData(response)) as Record<string, unknown> | null
	if (!body || !('data' in body))
		throw new Error(`the action returned no data (HTTP ${response.status})`)
	return body.data
}
