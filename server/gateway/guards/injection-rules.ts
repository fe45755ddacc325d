/**
 * The injection classifier's rules: patterns of text that addresses a model rather than a reader.
 * Each rule has a stable id (it goes into the audit record) and a weight, the probability that a
 * text it fires on is an injection; the scorer combines the weights of the rules that fire with
 * the model's score (injection.ts). Weights of 0.5 and more flag a text on their own at the
 * default threshold; lower ones only add to the model's suspicion.
 *
 * Every gap in a pattern is a bounded number of words over disjoint character classes, so hostile
 * text cannot make a rule backtrack.
 * Matching is on text with invisible characters removed and white space collapsed, so a zero-width
 * space inside "ig\u200Bnore" does not hide the phrase (and `invisible-characters` fires too).
 */

export type InjectionRule = {
	readonly id: string
	/** What the rule looks for, in words, for the decision record and reviewers. */
	readonly description: string
	readonly weight: number
} & (
	| {
			/** Matched against the flat text (see PreparedText). */
			readonly pattern: RegExp
	  }
	| {
			/** For what a pattern cannot say. */
			readonly test: (text: PreparedText) => boolean
	  }
)

/** A text as the rules see it: the original, and its matching form. */
export type PreparedText = {
	readonly original: string
	/** NFKC, invisible characters removed, white space collapsed. */
	readonly flat: string
}

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g
/** Unicode "tag" characters (U+E0000..U+E007F): invisible ASCII look-alikes used to smuggle text. */
const TAG_CHARACTERS = /[\u{E0000}-\u{E007F}]/u

export function prepareText(text: string): PreparedText {
	const compatible = /[\u0080-\uffff]/.test(text)
		? text.normalize('NFKC').replace(INVISIBLE, '')
		: text
	return { original: text, flat: compatible.replace(/\s+/g, ' ') }
}

/**
 * Up to `n` whole words between two words, inside one sentence. Words and separators are disjoint
 * classes, so every split is unique and a match attempt costs at most `n` steps.
 */
const words = (n: number) => String.raw`(?:[^\w'’.!?-]+[\w'’-]+){0,${n}}?[^\w'’.!?-]+`

const AI = String.raw`(?:ai|a\.i\.|ai assistant|ai model|assistant|language model|llm|large language model|chat ?bot|chatgpt|gpt(?:-?\d)?|copilot|model|bot|agent)`
const AUDIENCE = String.raw`(?:user|clinician|doctor|physician|provider|nurse|human|reader|reviewer|operator|anyone|staff)`
const RESPONSE = String.raw`(?:response|responses|reply|replies|answer|answers|output|summary|message|completion)`

const rx = (source: string) => new RegExp(source, 'i')

const DECODE = rx(
	String.raw`\b(?:decode|decipher|decrypt|deobfuscate)\b${words(5)}(?:base ?64|rot-?13|hex|the following|this)\b`,
)

/** A run of 48+ base64 characters with both letter cases and digits (words and paths are not). */
function hasBase64Blob(text: PreparedText): boolean {
	const s = text.flat
	let run = 0
	let classes = 0
	for (let i = 0; i <= s.length; i++) {
		const c = i < s.length ? s.charCodeAt(i) : 0
		const lower = c >= 97 && c <= 122
		const upper = c >= 65 && c <= 90
		const digit = c >= 48 && c <= 57
		if (lower || upper || digit || c === 43 || c === 47) {
			run++
			classes |= (lower ? 1 : 0) | (upper ? 2 : 0) | (digit ? 4 : 0)
			continue
		}
		if (run >= 48 && classes === 7) return true
		run = 0
		classes = 0
	}
	return false
}

export const INJECTION_RULES: readonly InjectionRule[] = [
	{
		id: 'override-instructions',
		description: 'ignore / disregard / forget … previous / above / all … instructions or rules',
		weight: 0.95,
		pattern: rx(
			String.raw`\b(?:ignore|disregard|forget|override|overrule|bypass|discard|skip|drop|abandon|do not follow|don't follow|stop following)\b${words(6)}\b(?:previous|prior|preceding|above|earlier|foregoing|former|original|initial|all|any|every|your|the|these|those|other|system|safety)\b${words(4)}\b(?:instructions?|prompts?|rules|directions?|directives?|guidelines|guidance|context|messages?|commands?|orders|constraints|restrictions|programming|policies|tasks?)\b`,
		),
	},
	{
		id: 'new-instructions',
		description:
			'new / updated / real instructions or task; "from now on you"; "instead of answering"',
		weight: 0.85,
		pattern: rx(
			String.raw`\b(?:real|actual|true|secret|hidden|override|priority|system)\s+(?:instructions?|directives?|task|objective)\s*[:\-]|\bnew (?:instructions?|task|directives?) (?:for|to) (?:the |you,? )?(?:${AI}|you)\b|\byour\s+(?:new|real|actual|true|only|primary|next)\s+(?:task|job|goal|instructions?|purpose|objective|mission|directive)\b|\bfrom now on,?\s+(?:you|your|the ${AI})\b|\binstead of (?:answering|summari[sz]ing|responding|replying|doing)\b|\b(?:stop|cease) (?:summari[sz]ing|answering|responding|what you are doing)\b`,
		),
	},
	{
		id: 'role-reassignment',
		description:
			'"you are now …", "pretend to be …", "act as an AI / unrestricted …", "you are no longer …"',
		weight: 0.6,
		pattern: rx(
			String.raw`\byou are (?:now|no longer|actually|henceforth)\b|\bpretend (?:to be|you are|that you are|you're)\b|\b(?:act|behave|respond|answer) as (?:if you were |though you were )?(?:an? |the )?(?:${AI}|unrestricted|unfiltered|different|evil|rogue|new)\b|\b(?:role-?play|play the role of|assume the (?:role|persona|identity) of|take on the (?:role|persona) of)\b`,
		),
	},
	{
		id: 'system-prompt',
		description: 'mentions of a system / developer prompt, message or instruction; revealing one',
		weight: 0.9,
		pattern: rx(
			String.raw`\b(?:system|developer|admin|administrator|root|operator)[\s-]+(?:prompt|instructions?|message|override|command|directive|mode)s?\b|\b(?:initial|original|hidden|secret|confidential|internal) (?:prompt|instructions)\b|\b(?:reveal|print|show|repeat|output|display|disclose|leak) (?:your|the) (?:instructions|prompt|rules|configuration|guidelines)\b`,
		),
	},
	{
		id: 'addresses-the-model',
		description:
			'text speaking to the AI: "note to the assistant", "dear AI", "as a language model"',
		weight: 0.7,
		pattern: rx(
			String.raw`\b(?:dear|attention|hey|hello|hi|note to|message to|instructions? (?:to|for)|directive (?:to|for)|reminder (?:to|for)|to|for) (?:the |this |any |all |our |you,? )?(?:ai|a\.i\.|ai assistant|ai model|language model|llm|large language model|chat ?bot|chatgpt|copilot|gpt(?:-?\d)?)\b|\b(?:dear|attention|note to|message to|instructions? (?:to|for)) (?:the |this )?(?:assistant|model|bot|agent)\b|\bas an? (?:ai|language model|llm|ai assistant)\b|\b(?:if|when) you are an? (?:ai|language model|llm|assistant|chat ?bot)\b`,
		),
	},
	{
		id: 'reply-with-exact',
		description: 'reply / respond / answer only with, exactly, the following, or a quoted text',
		weight: 0.9,
		pattern: rx(
			String.raw`\b(?:reply|respond|answer)\s+(?:only|exclusively|solely|just|simply|strictly)\b|\b(?:reply|respond|answer)\s+(?:with|using|by saying)\s+(?:only\b|just\b|exactly\b|nothing but\b|the following\b|the (?:word|phrase|sentence|text|string|code)\b|["'“‘])|\b(?:start|begin|end|finish|prefix|open|close) (?:your|each|every|the) ${RESPONSE} with\b`,
		),
	},
	{
		id: 'reply-with',
		description: 'reply / respond / answer with …',
		weight: 0.4,
		pattern: rx(String.raw`\b(?:reply|respond|answer)\s+(?:with|using|by saying)\b`),
	},
	{
		id: 'output-the-following',
		description:
			'say / print / output / write / include … the following, verbatim, this exact text',
		weight: 0.45,
		pattern: rx(
			String.raw`\b(?:say|print|output|type|repeat|echo|return|display|emit|copy|write out)\s+(?:exactly |only |verbatim |back )?(?:the following|these (?:exact )?words|this (?:exact )?(?:text|sentence|phrase|message|string|line|link|url|code)|verbatim)\b|\b(?:include|insert|add|append|prepend|embed|put)\s+(?:exactly |verbatim )?(?:the following|these (?:exact )?words|this (?:exact )?(?:text|sentence|phrase|string|line|link|url))\b${words(6)}\b(?:in|into|to|at)\b`,
		),
	},
	{
		id: 'addresses-the-response',
		description: 'in / into / throughout your response, reply, answer or output; your reply must …',
		weight: 0.7,
		pattern: rx(
			String.raw`\b(?:in|into|to|within|throughout|inside|from|at the (?:start|end|beginning|top|bottom) of|before|after) (?:your|each|every|all your) ${RESPONSE}\b|\byour ${RESPONSE} (?:should|must|needs to|has to|shall|will|is to)\b|\b(?:when|while|before|after) (?:you )?(?:answer|respond|reply)(?:ing)?\b${words(6)}\b(?:include|mention|add|say|write|use|insert)\b`,
		),
	},
	{
		id: 'addresses-the-summarizer',
		description:
			'when summarizing / answering, state …; make sure the summary says …; whoever reads this …',
		weight: 0.7,
		pattern: rx(
			String.raw`\b(?:when|while|if|whenever) (?:you are |you're )?(?:summari[sz]ing|answering|responding|replying|asked about)\b${words(6)}\b(?:state|say|write|mention|add|include|claim|report|conclude|note)\b|\b(?:make sure|ensure|be sure) (?:that )?(?:the|your|any|every) (?:summary|answer|reply|response|output|report) (?:says|states|mentions|includes|reads|reports|concludes|claims)\b|\bwhoever (?:reads|summari[sz]es|answers) this\b`,
		),
	},
	{
		id: 'visit-url',
		description: 'visit / go to / click / download / install … a URL or web address',
		weight: 0.45,
		pattern: rx(
			String.raw`\b(?:visit|go to|goto|click|open|navigate to|browse to|head to|head over to|check out|download|install|sign up|log ?in|register|redirect (?:users? |readers? )?to|link to|point(?:ing)? to|directing (?:users? |them )?to)\b${words(8)}(?:https?:\/\/|\bwww\.|\b[a-z0-9-]{2,63}\.(?:com|net|org|io|xyz|info|biz|ru|cn|top|app|site|online|link|click|example)\b)`,
		),
	},
	{
		id: 'url',
		description: 'an http(s) URL',
		weight: 0.2,
		pattern: /\bhttps?:\/\/[^\s]{3,}/i,
	},
	{
		id: 'send-to',
		description: 'send / forward / email / upload … to an e-mail address or URL',
		weight: 0.6,
		pattern: rx(
			String.raw`\b(?:send|forward|e-?mail|transmit|upload|post|share|leak|exfiltrate|submit)\b${words(10)}to\b${words(3)}(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/)`,
		),
	},
	{
		id: 'bulk-phi-request',
		description:
			'asks to list / send / reveal every or other patients’ addresses, numbers, records, passwords',
		weight: 0.7,
		pattern: rx(
			String.raw`\b(?:list|give|show|print|output|send|reveal|provide|return|dump|export|include|tell me|respond with|reply with|collect|extract)\b${words(6)}(?:(?:every|each|any) (?:patient|user|member|client)|(?:all|other) (?:patients|users|members|clients))(?:['’]s?)?${words(3)}(?:address(?:es)?|phone numbers?|ssns?|social security numbers?|dates? of birth|birthdays?|passwords?|credentials|records|charts|names|identifiers|mrns?)\b`,
		),
	},
	{
		id: 'chat-template',
		description:
			'chat-template and role markup: <|im_start|>, <|endoftext|>, [INST], <<SYS>>, <system>, ### Instruction',
		weight: 0.9,
		pattern:
			/<\|[a-z_]{2,30}\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|instructions?|assistant|user|prompt|im_start|im_end)\b[^>]{0,40}>|(?:^|\n|\s)#{2,}\s*(?:system|instructions?|response|assistant|new task)\b|\b(?:begin|end) (?:system|instructions?|prompt)\b/i,
	},
	{
		id: 'concealment',
		description: 'do not tell / mention / reveal … to the user or clinician; keep this secret',
		weight: 0.8,
		pattern: rx(
			String.raw`\b(?:do not|don't|never|must not|should not)\s+(?:tell|inform|mention|reveal|disclose|show|alert|notify|say)\b${words(5)}\b(?:the )?${AUDIENCE}s?\b|\bwithout (?:telling|informing|alerting|notifying) (?:the )?${AUDIENCE}s?\b|\bkeep (?:this|it) (?:a )?(?:secret|hidden|confidential) from\b|\b(?:do not|don't|never) (?:mention|reveal|disclose|acknowledge) (?:this|these|that|the) (?:instructions?|message|note|request|prompt)\b`,
		),
	},
	{
		id: 'jailbreak',
		description: 'jailbreak markers: DAN, developer mode, no restrictions, ignore safety',
		weight: 0.85,
		pattern: rx(
			String.raw`\bjail-?break|\bdo anything now\b|\b(?:developer|god|debug|unrestricted|dan) mode\b|\b(?:you are|as) DAN\b|\bwithout (?:any )?(?:restrictions|limitations|filters|censorship|safeguards)\b|\b(?:no|ignore|bypass|disable|without) (?:all |any |your )?(?:ethical|moral|safety|content) (?:guidelines|restrictions|filters|rules|policies|constraints)\b|\b(?:unfiltered|uncensored) (?:ai|assistant|mode|response)\b`,
		),
	},
	{
		id: 'task-hijack-tell',
		description: 'tell / inform / convince the clinician or user that …',
		weight: 0.45,
		pattern: rx(
			String.raw`\b(?:tell|inform|convince|assure|persuade|remind|warn) (?:the |all )?${AUDIENCE}s? that\b`,
		),
	},
	{
		id: 'invisible-characters',
		description: 'zero-width, bidirectional-override or Unicode tag characters',
		weight: 0.9,
		test: (text) =>
			/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/.test(text.original) ||
			TAG_CHARACTERS.test(text.original),
	},
	{
		id: 'hidden-markup',
		description: 'hidden text markup: HTML comments, display:none, zero font size, white text',
		weight: 0.55,
		pattern:
			/<!--|display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0*)?(?:px|pt|em|rem)?\s*[;"'}]|opacity\s*:\s*0(?:\.0+)?\s*[;"'}]|(?:^|[;{"'\s])color\s*:\s*(?:white|#fff(?:fff)?)\s*[;"'}]/i,
	},
	{
		id: 'encoded-payload',
		description: 'a long base64 blob, or an instruction to decode one',
		weight: 0.6,
		test: (text) => hasBase64Blob(text) || DECODE.test(text.flat),
	},
	{
		id: 'code-execution',
		description:
			'code that reaches the network or the system: import requests / subprocess, os.system, curl | sh',
		weight: 0.85,
		pattern:
			/\b(?:import|from) (?:requests|subprocess|socket|smtplib|ftplib|paramiko|urllib|http\.client|telnetlib|pynput|bluetooth|usb\.core)\b|\bsubprocess\.(?:run|call|Popen|check_output)\b|\bos\.(?:system|popen|remove|environ|walk)\b|\b(?:eval|exec)\s*\(|\b(?:curl|wget)\b[^\n|]{0,100}\|\s*(?:ba|z)?sh\b|\brm -rf\b|\bpowershell(?:\.exe)? -/,
	},
]

/**
 * Every pattern in one case-insensitive alternation: if it finds nothing, no pattern rule can fire
 * (each pattern is one of its branches, and ignoring case only widens a branch), so benign text
 * costs one scan instead of one per rule. Derived from the rules, never kept by hand.
 */
const ANY_PATTERN = new RegExp(
	INJECTION_RULES.flatMap((r) => ('pattern' in r ? [`(?:${r.pattern.source})`] : [])).join('|'),
	'i',
)

/** Whether one rule fires on a prepared text (no shortcut: for tools and tests). */
export function ruleFires(rule: InjectionRule, text: PreparedText): boolean {
	return 'pattern' in rule ? rule.pattern.test(text.flat) : rule.test(text)
}

/** The ids of the rules that fire on `text`, in rule order. */
export function matchInjectionRules(text: string): string[] {
	const prepared = prepareText(text)
	const anyPattern = ANY_PATTERN.test(prepared.flat)
	const fired: string[] = []
	for (const rule of INJECTION_RULES) {
		if ('pattern' in rule && !anyPattern) continue
		if (ruleFires(rule, prepared)) fired.push(rule.id)
	}
	return fired
}
