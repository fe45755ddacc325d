import { z } from 'zod'

/**
 * The reader of the detector's word-list data files (deid/data/*.json): `{ "about": …, "<list>":
 * { "about": …, "entries": [ … ] }, … }`, one entry a line. Entries are lower case; a word list
 * holds single words, a phrase list words separated by single spaces. The files are imported as
 * JSON (so the server bundle carries them, like the models) and read here as `unknown`: a file
 * that does not hold exactly the lists its module names, each well formed, stops the module from
 * loading, and the detector with it (fail closed).
 */

const entry = z
	.string()
	.regex(/^[^\sA-Z]+(?: [^\sA-Z]+)*$/, 'an entry is lower case, one space between words')
const wordList = z.strictObject({ about: z.string().min(1), entries: z.array(entry).min(1) })
const wordListFile = z.object({ about: z.string().min(1) }).catchall(wordList)

export function readWordLists<const Name extends string>(
	json: unknown,
	file: string,
	names: readonly Name[],
	phraseLists: readonly Name[] = [],
): Record<Name, readonly string[]> {
	const parsed = wordListFile.safeParse(json)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]
		throw new Error(
			`${file}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`,
		)
	}
	const { about: _about, ...lists } = parsed.data
	const unknown = Object.keys(lists).filter((name) => !(names as readonly string[]).includes(name))
	if (unknown.length > 0)
		throw new Error(`${file}: lists not read by the detector: ${unknown.join(', ')}`)
	const out = {} as Record<Name, readonly string[]>
	for (const name of names) {
		const list = lists[name]
		if (!list) throw new Error(`${file}: the list ${name} is missing`)
		if (!phraseLists.includes(name) && list.entries.some((e) => e.includes(' '))) {
			throw new Error(`${file}: ${name} holds single words, not phrases`)
		}
		out[name] = list.entries
	}
	return out
}
