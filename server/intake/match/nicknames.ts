/**
 * Given names that stand for one another (ADR 036): each group is a formal name and the short
 * forms commonly written for it in American English. Small on purpose: a nickname that is missing
 * here still scores by Jaro–Winkler or as an initial; a wrong entry would make strangers agree.
 * Two names agree when they share a group.
 */
const NICKNAME_GROUPS: readonly (readonly string[])[] = [
	['abigail', 'abby', 'gail'],
	['alexander', 'alex', 'al', 'sandy', 'xander'],
	['alexandra', 'alex', 'sandra', 'sandy', 'lexi'],
	['andrew', 'andy', 'drew'],
	['anthony', 'tony'],
	['barbara', 'barb', 'babs'],
	['benjamin', 'ben', 'benny'],
	['catherine', 'cathy', 'kate', 'katie', 'cat'],
	['katherine', 'kathy', 'kate', 'katie', 'kat', 'kathryn'],
	['charles', 'charlie', 'chuck', 'chas'],
	['christina', 'chris', 'tina', 'christine'],
	['christopher', 'chris', 'kit'],
	['daniel', 'dan', 'danny'],
	['david', 'dave', 'davy'],
	['deborah', 'debra', 'deb', 'debbie'],
	['donald', 'don', 'donny'],
	['dorothy', 'dot', 'dottie'],
	['edward', 'ed', 'eddie', 'ted', 'ned'],
	['eleanor', 'ellie', 'nell', 'nora'],
	['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'betsy', 'eliza', 'libby'],
	['frances', 'fran', 'frankie'],
	['francis', 'frank'],
	['frederick', 'fred', 'freddie'],
	['gregory', 'greg'],
	['henry', 'hank', 'harry'],
	['jacob', 'jake'],
	['james', 'jim', 'jimmy', 'jamie'],
	['jennifer', 'jen', 'jenny'],
	['john', 'jack', 'johnny'],
	['jonathan', 'jon'],
	['joseph', 'joe', 'joey'],
	['joshua', 'josh'],
	['kenneth', 'ken', 'kenny'],
	['lawrence', 'larry'],
	['margaret', 'maggie', 'meg', 'peggy', 'marge', 'greta'],
	['matthew', 'matt'],
	['michael', 'mike', 'mikey', 'mick'],
	['nicholas', 'nick', 'nicky'],
	['patricia', 'pat', 'patty', 'trish'],
	['patrick', 'pat', 'paddy'],
	['peter', 'pete'],
	['rebecca', 'becky', 'becca'],
	['richard', 'rick', 'rich', 'dick'],
	['robert', 'rob', 'bob', 'bobby', 'robbie', 'bert'],
	['ronald', 'ron', 'ronnie'],
	['samuel', 'sam', 'sammy'],
	['samantha', 'sam', 'sammy'],
	['stephen', 'steve', 'steven'],
	['susan', 'sue', 'susie', 'suzanne'],
	['theodore', 'ted', 'teddy', 'theo'],
	['thomas', 'tom', 'tommy'],
	['timothy', 'tim', 'timmy'],
	['victoria', 'vicky', 'tori'],
	['walter', 'walt', 'wally'],
	['william', 'bill', 'billy', 'will', 'willy', 'liam'],
]

const GROUPS_OF = new Map<string, Set<number>>()
NICKNAME_GROUPS.forEach((group, index) => {
	for (const name of group) {
		const groups = GROUPS_OF.get(name) ?? new Set<number>()
		groups.add(index)
		GROUPS_OF.set(name, groups)
	}
})

/** True when the two (lower-case, letters only) given names are forms of one another. */
export function areNicknames(a: string, b: string): boolean {
	if (a === b) return false
	const groups = GROUPS_OF.get(a)
	if (!groups) return false
	for (const index of GROUPS_OF.get(b) ?? []) if (groups.has(index)) return true
	return false
}

/** Whether a word is a given name this table knows (used to tell "SMITH JOHN" from "JOHN SMITH"). */
export function isKnownGivenName(word: string): boolean {
	return GROUPS_OF.has(word) || COMMON_GIVEN_NAMES.has(word)
}

/** A few common given names beyond the table, for name order only (never for agreement). */
const COMMON_GIVEN_NAMES = new Set([
	'aaron',
	'adam',
	'aisha',
	'alan',
	'albert',
	'alice',
	'amanda',
	'amy',
	'ana',
	'angela',
	'ann',
	'anna',
	'anne',
	'arthur',
	'brian',
	'carl',
	'carlos',
	'carol',
	'carmen',
	'daniela',
	'diana',
	'diane',
	'elena',
	'emily',
	'emma',
	'eric',
	'eva',
	'george',
	'grace',
	'hannah',
	'helen',
	'ian',
	'irene',
	'isabel',
	'jane',
	'janet',
	'jason',
	'jean',
	'jessica',
	'joan',
	'jorge',
	'jose',
	'juan',
	'julia',
	'karen',
	'kevin',
	'laura',
	'linda',
	'lisa',
	'louis',
	'lucia',
	'luis',
	'maria',
	'marie',
	'mark',
	'martha',
	'mary',
	'maya',
	'mohammed',
	'muhammad',
	'nancy',
	'nina',
	'olivia',
	'omar',
	'oscar',
	'paul',
	'paula',
	'rachel',
	'raj',
	'ramon',
	'ray',
	'rita',
	'rosa',
	'ruth',
	'ryan',
	'sara',
	'sarah',
	'scott',
	'sharon',
	'sofia',
	'sophia',
	'steven',
	'teresa',
	'wei',
	'yusuf',
])
