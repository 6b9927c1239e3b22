package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus/names"
)

// Token kinds of the small tokenizer the statement extractor runs over one
// sentence group at a time.
const (
	tWord  = iota
	tPunct // , : ; ( ) and dashes: clause boundaries
	tQuote // a whole quoted span, marks included
)

// tok is a span of Article.Text. Words keep internal hyphens, apostrophes
// and the dots of abbreviations ("U.N.", "Sen."), so offsets stay exact.
type tok struct {
	s, e int
	kind int8
	q    int    // index of the quote for tQuote tokens
	w    string // a word in lower case with straight apostrophes, for the lexicons
	// vf is verbs[w] for a word not capitalised, read once here: the
	// cues are asked of each token many times (see stmtExtractor.verb)
	vf int
}

// verb flags.
const (
	vSpeech  = 1 << iota // introduces speech: "X said ...", "said X"
	vAfter               // may follow a quote: "..., he added"
	vPartial             // governs a quoted fragment: "called for an end to the 'instability'"
	vGerund              // "..., saying ...": its subject is the clause's subject
)

// verbs are the cues of attribution. Verbs of belief ("hoped", "thinks")
// are left out on purpose: "said Iran hoped 'x'" is the speaker's, not Iran's.
var verbs = func() map[string]int {
	m := map[string]int{}
	both := vSpeech | vAfter | vPartial
	for _, w := range strings.Fields(`said says say told tells added adds stated states declared declares
		announced announces insisted insists stressed stresses warned warns urged urges vowed vows pledged pledges
		promised promises explained explains noted notes argued argues asserted asserts claimed claims
		confirmed confirms denied denies wrote writes tweeted tweets posted complained complains acknowledged
		acknowledges admitted admits conceded concedes recalled recalls replied replies responded responds
		remarked remarks suggested suggests predicted predicts asked asks answered answers cautioned cautions
		emphasised emphasized emphasises emphasizes reiterated reiterates maintained maintains
		contended contends countered counters quipped joked boasted boasts shouted yelled cried whispered
		recounted lamented laments agreed agrees testified alleged alleges thundered reported reports
		announced insisted observed mused sighed continued commented comments proclaimed proclaims
		sings sang chanted chants yells yelled shouts screamed`) {
		m[w] = both
	}
	for _, w := range strings.Fields(`called calls call branded brands described describes expressed expresses
		condemned condemns criticized criticised criticizes criticises praised praises slammed slams blasted blasts
		accused accuses demanded demands decried decries hailed hails labelled labeled spoke speaks dismissed
		dismisses rejected rejects welcomed welcomes voiced voices likened likens lauded lauds exhorted exhorts
		derided derides`) {
		m[w] = vPartial | vSpeech
	}
	for _, w := range strings.Fields(`saying adding telling warning urging calling describing expressing
		insisting noting arguing stressing claiming vowing pledging promising explaining accusing branding
		declaring announcing asking tweeting chanting singing shouting yelling indicating`) {
		m[w] = vPartial | vSpeech | vGerund
	}
	// weak cues: right after a quote only ("continued support" is no speech)
	for _, w := range []string{"continued", "observed", "mused", "sighed", "recounted", "agreed", "answered", "replied", "posted", "concluded", "reads", "read",
		"fumed", "gushed", "exclaimed", "scoffed", "snapped", "retorted"} {
		m[w] = vAfter
	}
	// '"...?" Vitter demanded.'
	for _, w := range []string{"demanded", "demands"} {
		m[w] |= vAfter
	}
	return m
}()

// speakerNouns are common nouns that can head a speaker phrase
// ("the resident", "officials", "Syria's defence ministry").
var speakerNouns = set(`resident residents spokesman spokeswoman spokesperson spokespeople official officials
	minister ministers ministry government governments observatory monitor agency statement statements source
	sources army military forces witness witnesses activist activists analyst analysts expert experts commander
	commanders doctor doctors president leader leaders head chief director group council authorities authority
	police media countries officer officers diplomat diplomats lawmaker lawmakers senator candidate campaign aide
	aides adviser advisers advisor advisors people voters critics supporters mother father man woman teacher
	student farmer survivor refugee refugees fighter fighters rebels soldier soldiers nominee secretary envoy
	mediator mediators ambassador representative governor mayor chairman chairwoman executive founder professor researcher
	economist strategist pollster lawyer attorney judge court department office committee party union
	organisation organization report poll study survey newspaper kremlin allies ally administration
	prosecutor prosecutors investigators agencies ministries presidency palace embassy coalition-spokesman
	medic medics rescuers paramedic nurse worker workers mp mps delegate delegates democrats republicans
	businessman businesswoman billionaire host anchor announcer narrator moderator questioner protester
	protesters author writer singer actor actress comedian coach commission commissioner chair organizer
	organizers organiser manager founder economists officials historian scientist scientists website
	letter spokesmen residents neighbor neighbour friend friends sister brother wife husband daughter son
	veteran veterans nominee nominees speaker member members staff staffer staffers campaigners supporter opponent opponents
	volunteer volunteers relative relatives engineer engineers captain firefighter firefighters villager villagers
	shopkeeper sympathizer sympathiser eyewitness eyewitnesses correspondent correspondents
	photographer journalist rescuer trader traders watchdog watchdogs
	book article ruling memo complaint lawsuit editorial column filing indictment document ad clip
	grandfather grandmother uncle aunt cousin critic family
	company firm network broadcaster daily paper magazine investigator investigators email emails`)

// describedNouns head a speaker phrase only after a determiner and
// after a quote or opening the clause (see describedPhrase): "the
// football team wrote", "the central bank said"; alone they sit in too
// many appositives and objects ("a board member of the central bank").
var describedNouns = set(`team club bank`)

// personNouns mark a speaker as a person (for he/she); orgNouns as a body (for it/they).
var personNouns = set(`resident spokesman spokeswoman spokesperson official minister witness activist analyst
	expert commander doctor president leader head chief director diplomat officer lawmaker senator candidate
	aide adviser advisor mother father man woman teacher student farmer survivor refugee fighter soldier
	nominee secretary envoy mediator ambassador representative governor mayor chairman chairwoman executive founder
	professor researcher economist strategist pollster lawyer attorney judge prosecutor medic paramedic nurse
	worker mp delegate businessman businesswoman billionaire host anchor announcer narrator moderator
	questioner protester author writer singer actor actress comedian coach commissioner chair manager
	historian scientist neighbor neighbour friend sister brother wife husband daughter son veteran speaker
	volunteer relative engineer captain firefighter villager shopkeeper sympathizer sympathiser eyewitness
	correspondent photographer journalist rescuer trader grandfather grandmother uncle aunt cousin critic
	investigator editor`)

var orgWords = set(`observatory ministry government department union council office committee agency army
	military forces kremlin house court party organisation organization coalition administration police
	authorities media countries governments states nations alliance group embassy presidency palace
	institute center centre foundation network commission bureau service services corps command brigade
	company corporation bank fund campaign international watch amnesty crescent authority board gazette newspaper
	staff watchdog firm broadcaster daily paper magazine team club`)

// parties are the words of a party's name: a speaker named by them alone
// ("Lib Dem", "the Tories", "Scottish Labour") is a body, never "he"; in
// front of a name ("Tory MP Nigel Ward") they are the person's role.
var parties = set(`labour tory tories conservative conservatives lib dem dems liberal liberals democrat democrats
	republican republicans ukip snp plaid cymru green greens new scottish welsh party`)

// npWords are lowercase words allowed inside a speaker phrase.
var npWords = set(`the a an one two three four five six seven eight nine ten several of for and de du al el bin
	ibn van von der da la le y foreign defence defense state interior national security top senior former
	local rebel armed official joint deputy vice acting prime general chief news think tank human rights
	affairs humanitarian coordination international public health war monitoring presidential white press
	regional provincial federal
	campaign communications policy research economic military us-based britain-based labour labor health
	education finance justice economy agriculture transport energy environment trade culture information
	opposition ruling independent civil civilian medical legal senior-level regime so-called state-run
	britain-based london-based my our`)

// titles are words of rank that may precede a personal name: "Turkish
// President Recep Tayyip Erdogan".
var titles = set(`president prime minister foreign secretary secretary-general general gen. gen spokesman
	spokeswoman chancellor king queen prince princess sheikh emir senator sen. sen rep. rep gov. gov governor
	mayor mr. mr mrs. mrs ms. ms dr. dr judge chief commander envoy mediator ambassador director chairman chairwoman
	leader speaker vice deputy defence defense interior state resident pope cardinal rev. rev lt. col. maj. lt col maj capt brig brig. lieutenant-general major-general
	capt. sgt. colonel major captain sergeant lieutenant admiral marshal justice attorney professor prof.
	minister-president premier candidate nominee former first lady congressman congresswoman
	representative sir lord dame officer head editor
	co-chairman co-chairwoman co-chair co-leader co-founder vice-president vice-chairman vice-chair`)

// relWords open a relative clause whose subject is the phrase before it.
var relWords = set(`who which whose whom`)

// clauseWords end a subject phrase when walking back from a verb.
var clauseWords = set(`that while but and or as when because after before if since although though where whereas
	so than in on at from with by to into during over under about against through despite without what how
	then once not also it's is was were be been being has have had do does did near via outside inside across
	around behind between among beyond toward towards within along`)

// skipWords sit between a subject and its verb: "X also said", "X on Monday branded".
var skipWords = set(`also again then later previously recently repeatedly once had has have would will was is did
	does further earlier separately reportedly publicly privately flatly simply quickly just even still yet already
	often frequently today yesterday tonight monday tuesday wednesday thursday friday saturday sunday
	has also in turn on last this week weekend month year morning afternoon evening night not never`)

var conjunctions = set(`while but whereas although because when and or if since though`)

var prepositions = set(`to in on at from with by into of for over under about against through during after before
	near via outside inside across around behind between among beyond toward towards within along`)

// tailWords may follow a closing cue: "told reporters", "said in an interview".
var tailWords = set(`reporters journalists statement interview email e-mail conference briefing telephone phone
	television radio rally crowd audience supporters parliament lawmakers press a an the his her their its later
	earlier also told via sunday week night`)

var days = set(`monday tuesday wednesday thursday friday saturday sunday today yesterday tonight`)

var pronouns = set(`he she they it we i`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// lower returns s in lower case without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// foldApos turns a curly apostrophe into a straight one so "Syria’s" and
// "Syria's" look alike to the word tests (never to the output).
func foldApos(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii && strings.ContainsRune(s, '’') {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

// isCapWord reports whether w looks like part of a name: "Assad",
// "al-Assad", "U.N.", "45-year-old" does not.
func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	// name particles: al-Assad, el-Sisi, bin Salman is handled by npWords
	if k := strings.IndexByte(w, '-'); k > 0 && k < 4 {
		r2, _ := utf8.DecodeRuneInString(w[k+1:])
		return unicode.IsUpper(r2)
	}
	return false
}

// isQuoteMark reports the quotation marks the extractor pairs.
func isOpenMark(r rune) bool { return r == '"' || r == '“' || r == '„' || r == '«' }

// tokenize appends the tokens of text[start:end] to buf. Quote spans
// (sorted, from qs) become one tQuote token each.
//
// low is text with ASCII capitals lowered (lowerText): an ASCII word's
// lexicon form is its slice of low, as lower and foldApos change nothing
// else in it, so a capitalised word costs no copy of its own.
func tokenize(buf []tok, text, low string, start, end int, qs []quoteSpan, qi int) []tok {
	i := start
	for i < end {
		for qi < len(qs) && qs[qi].markEnd <= i {
			qi++
		}
		if qi < len(qs) && qs[qi].open <= i && i < qs[qi].markEnd {
			e := min(qs[qi].markEnd, end)
			buf = append(buf, tok{s: i, e: e, kind: tQuote, q: qi})
			i = e
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			ascii := r < utf8.RuneSelf
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				ascii = ascii && r2 < utf8.RuneSelf
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' {
					// keep joiners inside a word: "al-Assad", "Syria's", "U.N."
					r3, _ := utf8.DecodeRuneInString(text[j+n2 : end])
					if j+n2 < end && (unicode.IsLetter(r3) || unicode.IsDigit(r3)) {
						j += n2
						continue
					}
					if r2 == '.' && (j-i == 1 || ascii && isAbbrevLower(low[i:j]) || !ascii && isAbbrevWord(text[i:j])) {
						j += n2 // "Sen.", "W."
					}
				}
				break
			}
			t := tok{s: i, e: j, kind: tWord}
			if ascii {
				t.w = low[i:j]
			} else {
				t.w = foldApos(lower(text[i:j]))
			}
			if !isCapWord(text[i:j]) {
				t.vf = verbs[t.w]
			}
			buf = append(buf, t)
			i = j
		case r == ',' || r == ':' || r == ';' || r == '(' || r == ')' || r == '—' || r == '–' || r == '[' || r == ']':
			buf = append(buf, tok{s: i, e: i + n, kind: tPunct})
			i += n
		case r == '-' && i+1 < end && text[i+1] == '-':
			buf = append(buf, tok{s: i, e: i + 2, kind: tPunct})
			i += 2
		case r == '-' && i > start && text[i-1] == ' ' && i+1 < end && text[i+1] == ' ':
			buf = append(buf, tok{s: i, e: i + 1, kind: tPunct})
			i++
		default:
			i += n
		}
	}
	return buf
}

// lowerText is s with ASCII capitals lowered, byte for byte (asciiLower
// of a whole article): the text between capitals is copied in runs.
func lowerText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b.WriteString(s[last:i])
			b.WriteByte(c + 'a' - 'A')
			last = i + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

func isAbbrevWord(w string) bool {
	return isAbbrevLower(lower(w))
}

// isAbbrevLower is isAbbrevWord of a word already in lower case.
func isAbbrevLower(w string) bool {
	return abbreviations[w] || titles[w+"."]
}

// notWho are capitalised words that open sentences but never name a speaker.
var notWho = set(`his her their our my your the this that these those there here it its what which who when where why how some many
	most all both each other others another such one no none reports report officials monday tuesday wednesday
	thursday friday saturday sunday january february march april may june july august september october
	november december afp reuters ap evidence data research analysis`)

// places are countries and capitals that speak for their governments.
var places = set(`russia iran syria turkey israel china france germany britain ukraine lebanon qatar iraq egypt
	jordan washington moscow tehran damascus ankara beijing kremlin nato hezbollah hamas europe america japan
	india pakistan afghanistan london paris berlin brussels`)

var demonyms = set(`syrian russian iranian turkish kurdish american british french german israeli iraqi lebanese
	jordanian saudi egyptian chinese european arab islamic western red free democratic national united
	palestinian ukrainian qatari emirati yemeni libyan afghan pakistani indian japanese korean italian spanish`)

var months = set(`january february march april may june july august september october november december`)

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

var geoWords = set(`states kingdom arabia korea africa emirates zealand america york times post journal news
	press street nations republic university school college church hospital club association`)

var femaleCues = set(`mrs mrs. ms ms. spokeswoman woman mother wife daughter sister chairwoman congresswoman
	businesswoman umm grandmother queen princess dame lady girl widow`)
var maleCues = set(`mr mr. spokesman man father husband son brother chairman congressman businessman abu king
	prince sir lord boy grandfather sheikh`)

// entityFor turns toks[s:e] into a speaker: a pronoun is resolved to the
// last compatible speaker, a name to the entity already met under it.
func (x *stmtExtractor) entityFor(toks []tok, s, e int, role string) (int, bool) {
	if e-s == 1 {
		w := x.word(toks[s])
		if k := strings.IndexByte(w, '\''); k > 0 {
			w = w[:k] // "He's claiming"
		}
		if pronouns[w] {
			return x.resolvePronoun(w)
		}
		if notWho[w] {
			return -1, false
		}
	}
	if e-s == 2 {
		// "Its statement continued:", "his spokesman said": the owner speaks
		if w := x.word(toks[s]); (w == "its" || w == "his" || w == "her" || w == "their") && (x.word(toks[s+1]) == "statement" || x.word(toks[s+1]) == "spokesman" || x.word(toks[s+1]) == "spokeswoman") {
			return x.resolvePronoun(map[string]string{"its": "it", "his": "he", "her": "she", "their": "they"}[w])
		}
	}
	if ent, ok := x.postOf(toks, s, e); ok {
		return ent, true
	}
	en, ok := x.parseSpeaker(toks, s, e)
	if !ok {
		return -1, false
	}
	if en.role == "" {
		en.role = role
	}
	if en.gender == 0 {
		en.gender = genderOf(en.role)
	}
	if en.gender != 0 {
		en.kind = 'p'
	}
	// a post after the body it serves ("the Liberal Democrat leader", "a
	// Liberal Democrat spokesman") names the body: another post of it is
	// another person, not the one met before
	postAfter := en.role != "" && strings.HasSuffix(x.text[toks[s].s:toks[e-1].e], en.role)
	// the same speaker again, perhaps by surname only
	for i := len(x.ents) - 1; i >= 0; i-- {
		o := &x.ents[i]
		if o.name == en.name && postAfter && o.role != "" && o.role != en.role {
			continue
		}
		if o.name == en.name || en.kind != 'o' && o.kind != 'o' && !strings.Contains(o.name, " and ") && strings.HasSuffix(o.name, " "+en.name) {
			if o.role == "" {
				o.role = en.role
			}
			return i, true
		}
	}
	x.ents = append(x.ents, en)
	return len(x.ents) - 1, true
}

func (x *stmtExtractor) resolvePronoun(w string) (int, bool) {
	var g byte
	switch w {
	case "he":
		g = 'm'
	case "she":
		g = 'f'
	case "it", "they":
	default:
		return -1, false // "I" and "we" in copy are the writer or a group we cannot name
	}
	if g != 0 && x.stripped && x.unreadGroup > x.lastGroup && x.unreadGroup >= x.groupN-1 && !(x.mention >= 0 && x.mentionGroup >= x.unreadGroup) {
		// "One of the guards ... told AFP his detector beeped. '...' he
		// said": someone we could not name spoke last (in scraped copy,
		// where such subjects are common, the last named speaker is no
		// safe guess)
		return -1, false
	}
	if g != 0 && x.mention >= 0 && x.mentionGroup > x.lastGroup && x.mentionGroup >= x.groupN-2 {
		// someone named since the last speaker: "Reyes described the wall
		// as unsafe. He concluded, ..."
		if o := &x.ents[x.mention]; o.kind != 'o' && (o.gender == 0 || o.gender == g) {
			o.gender = g
			return x.mention, true
		}
	}
	if w == "they" && x.plural >= 0 && x.pluralGroup > x.lastGroup && x.pluralGroup >= x.groupN-2 {
		return x.plural, true
	}
	for k := len(x.hist) - 1; k >= 0 && k >= len(x.hist)-8; k-- {
		i := x.hist[k]
		o := &x.ents[i]
		if g != 0 {
			if o.kind == 'o' || o.gender != 0 && o.gender != g {
				continue
			}
			o.gender = g
			return i, true
		}
		if o.kind != 'p' {
			return i, true
		}
		if w == "it" {
			continue
		}
		// "they" after a person spoke: not a body named before him ("Mr.
		// Stenger announced ... They sent a letter ... '...' they wrote")
		return -1, false
	}
	return -1, false
}

func genderOf(s string) byte {
	// word by word without splitting: this runs on every speaker phrase
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		w := s
		if i >= 0 {
			w, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if w == "" || len(w) > 13 {
			continue
		}
		w = lower(w)
		if femaleCues[w] {
			return 'f'
		}
		if maleCues[w] {
			return 'm'
		}
	}
	return 0
}

// parseSpeaker splits a speaker phrase into the name and the role the text
// gives: "Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov", "Kremlin
// spokesman"; "One Aleppo resident" -> "Aleppo resident"; "Aron Lund of
// the Century International think tank" -> "Aron Lund", "of the ...".
func (x *stmtExtractor) parseSpeaker(toks []tok, s, e int) (entity, bool) {
	if s >= e {
		return entity{}, false
	}
	// the same phrase is read again by each rule that tries it: read it once
	key := [2]int{toks[s].s, toks[e-1].e}
	if c, ok := x.parsed[key]; ok {
		return c.en, c.ok
	}
	en, ok := x.parseSpeaker0(toks, s, e)
	if n := foldApos(en.name); ok && (strings.HasSuffix(n, "'s") || strings.HasSuffix(n, "s'")) {
		// "Margaret Thatcher's former press secretary": the possessor names
		// whose post it is, not who speaks
		en, ok = entity{}, false
	}
	if ok && (leadAdverbs[lower(en.name)] || leadParticiples[lower(en.name)]) {
		// "Even without changes the commission does urge ...", "Unconfirmed
		// reports ... emerged": a sentence's opening adverb or participle
		// names nobody
		en, ok = entity{}, false
	}
	if x.parsed == nil {
		x.parsed = map[[2]int]parsedSpeaker{}
	}
	x.parsed[key] = parsedSpeaker{en, ok}
	return en, ok
}

// joinSpeakers reads "A and B", toks[s:k] and toks[k+1:e] parsed as a and
// b. Two speakers when A stands as one: "President Vladimir Putin and
// Iranian President Masoud Pezeshkian", "Tony Blair and Gordon Brown",
// "the IMF and World Bank". When A is no speaker by itself and B is a name
// after a title, the "and" is inside the title and the name is B's alone:
// "Work and Pensions Secretary Alan Johnson", "Economic and Fiscal Policy
// Minister Heizo Takenaka", "media and PR strategist Glen Yearwood",
// "Ernst and Young's Sanjay Mehta" (joined, they read "Work and Alan
// Johnson", a speaker the text never names). A name cut short by its
// postmodifier ("The International Federation of the Red Cross and Red
// Crescent Societies") is no pair either: one organisation when B ends in
// an organisation word, else no speaker.
func (x *stmtExtractor) joinSpeakers(toks []tok, s, k, e int, a, b entity) (entity, bool) {
	if postmod(a.role) && !postmod(b.role) {
		// "Elijah Cummings of Maryland and John Conyers of Michigan" stays
		// a pair
		if h := lastField(lower(b.name)); b.role == "" && (orgWords[h] || h == "societies" || h == "society") {
			return entity{name: x.text[toks[s].s:toks[e-1].e], kind: 'o'}, true
		}
		return entity{}, false
	}
	if b.role != "" && b.kind == 'p' && !x.standsAlone(a) {
		at := strings.LastIndex(x.text[toks[k+1].s:toks[e-1].e], b.name)
		if at > 0 {
			at += toks[k+1].s
			b.role = strings.TrimRight(strings.TrimSpace(x.text[toks[s].s:at]), ",")
			return b, true
		}
	}
	return entity{name: a.name + " and " + b.name}, true
}

// postmod reports a role that is a name's postmodifier ("of Maryland").
func postmod(role string) bool {
	return strings.HasPrefix(role, "of ") || strings.HasPrefix(role, "for ")
}

// standsAlone says whether a, the first of "A and B", is a speaker by
// itself: a person with a title or a role, a name of two capitalised words
// or more, a name the article has given a speaker before (a surname), a
// country, an acronym or an organisation. A lone capitalised word ("Work",
// "Economy", "British") or a lower-case one ("media") is not.
func (x *stmtExtractor) standsAlone(a entity) bool {
	if a.kind == 'p' || a.role != "" {
		return true
	}
	words := strings.Fields(a.name)
	if len(words) == 0 || !isCapWord(words[0]) {
		return false
	}
	if len(words) >= 2 {
		return true
	}
	w := lower(a.name)
	if places[w] || orgWords[w] || len(a.name) >= 2 && strings.ToUpper(a.name) == a.name {
		return true
	}
	for _, o := range x.ents {
		if o.kind != 'o' && (o.name == a.name || strings.HasSuffix(o.name, " "+a.name)) {
			return true
		}
	}
	return false
}

// parsedSpeaker is a cached result of parseSpeaker.
type parsedSpeaker struct {
	en entity
	ok bool
}

func (x *stmtExtractor) parseSpeaker0(toks []tok, s, e int) (entity, bool) {
	// "a witness named Ahmad": the name after, the post before
	for k := s + 1; k < e-1; k++ {
		if x.namedAt(toks, k) {
			en, ok := x.parseSpeaker1(toks, k+1, e)
			if !ok || en.kind == 'o' {
				return entity{}, false
			}
			en.kind = 'p'
			if r := x.roleFrom(toks, s, k); en.role == "" {
				en.role = r
			}
			return en, true
		}
	}
	s, e, appos := x.trimWire(toks, s, e)
	if s >= e {
		return entity{}, false
	}
	en, ok := x.parseSpeaker1(toks, s, e)
	if ok && appos != "" {
		if en.role == "" {
			en.role = appos
		} else {
			en.role += ", " + appos
		}
		if en.kind == 0 && (personNouns[lastField(lower(appos))] || genderOf(appos) != 0) {
			en.kind = 'p'
		}
	}
	return en, ok
}

func (x *stmtExtractor) parseSpeaker1(toks []tok, s, e int) (entity, bool) {
	for s < e-1 {
		// determiners, and dates glued on by stripped punctuation ("23 February 2015 The ...")
		w := x.word(toks[s])
		if w != "the" && w != "a" && w != "an" && w != "one" && !months[w] && !isNumber(w) {
			break
		}
		s++
	}
	if s >= e {
		return entity{}, false
	}
	// "President Vladimir Putin and Iranian President Masoud Pezeshkian"
	for k := s + 1; k < e-1; k++ {
		if x.word(toks[k]) == "and" {
			a, ok1 := x.parseSpeaker(toks, s, k)
			b, ok2 := x.parseSpeaker(toks, k+1, e)
			if !ok1 || !ok2 {
				return entity{}, false
			}
			return x.joinSpeakers(toks, s, k, e, a, b)
		}
	}
	role := ""
	// a personal name with a postmodifier: "Aron Lund of the ... think tank"
	for k := s + 1; k < e-1; k++ {
		if w := x.word(toks[k]); w == "of" || w == "for" {
			h := x.word(toks[k-1])
			if isCapWord(x.text[toks[k-1].s:toks[k-1].e]) && !orgWords[h] && !titles[h] && !geoWords[h] && !notWho[h] && k-s >= 2 {
				role = x.text[toks[k].s:toks[e-1].e]
				e = k
			}
			break
		}
	}
	// titles before a name: the name is the run of capitalised words after
	// the last title or lower-case word
	t := -1
	hasOf := false
	for k := s; k < e; k++ {
		txt := x.text[toks[k].s:toks[k].e]
		w := x.word(toks[k])
		if w == "of" || w == "for" {
			hasOf = true
		}
		if !isCapWord(txt) && !x.particleInName(toks, s, k, e) || titles[w] || strings.HasSuffix(w, "'s") || possLost(w) && k < e-1 {
			t = k // "Staffan de Mistura" keeps its particle
		}
	}
	en := entity{}
	switch {
	case t >= s && t < e-1 && !orgWords[x.word(toks[e-1])] && (!hasOf || titlesOnlyOf(x, toks, s, t)):
		en.name = x.text[toks[t+1].s:toks[e-1].e]
		if r := x.text[toks[s].s:toks[t].e]; role == "" {
			role = r
		} else {
			role = r + " " + role
		}
		en.kind = 'p'
	default:
		en.name = x.text[toks[s].s:toks[e-1].e]
	}
	// validate the head: "ministry of agriculture" is headed by "ministry"
	head := toks[e-1]
	for k := s + 1; k < e-1; k++ {
		if w := x.word(toks[k]); w == "of" || w == "for" {
			head = toks[k-1]
			break
		}
	}
	hw := x.word(head)
	htxt := x.text[head.s:head.e]
	// "reports say" names nobody; "the report said", "the IMF report
	// stated" name a document
	report := hw == "report" && (e-s >= 2 || s > 0 && toks[s-1].kind == tWord && x.word(toks[s-1]) == "the")
	if notWho[hw] && !report || pronouns[hw] || days[hw] {
		return entity{}, false
	}
	if !isCapWord(htxt) && !speakerNouns[hw] && !speakerNouns[strings.TrimSuffix(hw, "s")] && !describedNouns[hw] {
		return entity{}, false
	}
	if e-s == 1 && notWho[x.word(toks[s])] && !report {
		return entity{}, false
	}
	if en.kind == 0 {
		caps, org := 0, false
		for k := s; k < e; k++ {
			w := x.word(toks[k])
			if isCapWord(x.text[toks[k].s:toks[k].e]) && !isAcronym(x.text[toks[k].s:toks[k].e]) {
				caps++
			}
			if orgWords[w] || geoWords[w] || places[w] {
				org = true
			}
		}
		if !org && caps == e-s && caps <= 2 && names.Default().IsCountry(x.text[toks[s].s:toks[e-1].e]) {
			org = true // "Argentina claimed top spot": a country, never "she"
		}
		if !org {
			party := true
			for k := s; k < e && party; k++ {
				party = parties[x.word(toks[k])] || x.word(toks[k]) == "the"
			}
			org = party
		}
		// "Harbour Party MP Nina Ward": a post, then a name of two
		// capitalised words or more, is a person whatever the post's body
		// ("the administration of President X" is the administration's)
		postName := false
		for k := s; k+2 < e && !postName; k++ {
			w := x.word(toks[k])
			if w == "of" || w == "for" {
				break
			}
			if titles[w] || personNouns[w] {
				postName = true
				for m := k + 1; m < e; m++ {
					if mw := x.word(toks[m]); !isCapWord(x.text[toks[m].s:toks[m].e]) || isAcronym(x.text[toks[m].s:toks[m].e]) || orgWords[mw] || geoWords[mw] || titles[mw] {
						postName = false
						break
					}
				}
				if postName {
					// the name is the person's, the words before it the post
					en.name = x.text[toks[k+1].s:toks[e-1].e]
					if post := x.text[toks[s].s:toks[k].e]; role == "" {
						role = post
					} else {
						role = post + " " + role
					}
				}
			}
		}
		switch {
		case postName:
			en.kind = 'p'
		case demonyms[x.word(toks[s])] && !personNouns[hw]:
			en.kind = 'o' // "Syrian Red Crescent", "Kurdish forces"
		case personNouns[hw] || caps >= 2 && !org && isCapWord(htxt):
			en.kind = 'p'
		case org || isAcronym(htxt) || speakerNouns[hw] && strings.HasSuffix(hw, "s"):
			en.kind = 'o'
		}
	}
	en.role = role
	en.gender = genderOf(x.text[toks[s].s:toks[e-1].e])
	return en, true
}

// titlesOnlyOf allows "Secretary of State John Kerry": the "of" sits in the title.
func titlesOnlyOf(x *stmtExtractor, toks []tok, s, t int) bool {
	for k := s; k <= t; k++ {
		w := x.word(toks[k])
		if w != "of" && w != "the" && !titles[w] && !strings.HasSuffix(w, "'s") {
			return false
		}
	}
	return true
}

func isAcronym(s string) bool {
	up := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up >= 2 && up*2 >= utf8.RuneCountInString(s)
}

// Wire copy scraped into one paragraph loses the marks that end a dateline,
// a heading or a sentence, and the commas around an appositive, so a speaker
// phrase arrives with junk glued on: "Published November 22 2017 The World
// Health Organization", "Omar the Chechen The Pentagon", "Rami Abdulrahman
// director of the Syrian Observatory". trimWire narrows toks[s:e] to the
// speaker and returns the appositive it cut off as a role.

// datelineWords open a dateline or byline before the first sentence.
var datelineWords = set(`published updated posted date publication modified utc gmt
	jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
	mon tue tues wed thu thur thurs fri sat sun afp reuters ap dpa`)

// leadAdverbs open a sentence before its subject: "Meanwhile the Observatory said".
var leadAdverbs = set(`meanwhile however moreover furthermore additionally elsewhere earlier later separately
	also instead still yet now then previously recently initially puzzlingly interestingly notably overall
	finally but and so thus therefore indeed in-addition early late even`)

// leadParticiples open an adverbial clause that is never the speaker:
// "Citing medical sources the Britain-based monitoring group said".
var leadParticiples = set(`following quoting citing blaming speaking addressing responding commenting referring
	reporting describing explaining echoing asked asking unconfirmed unverified initial key twin fighting
	according`)

// headingWords mark a page heading or tag list scraped into the text.
var headingWords = set(`tags tag related infographic photo photos video file caption share advertisement`)

// placeNames are towns and regions that end an organisation's name or a
// title before a personal name: "governor of Homs Talal Barazi".
var placeNames = set(`aleppo homs hama idlib daraa deraa raqqa raqa latakia tartus deir ezzor zor zour douma ghouta
	qamishli hasakeh hasaka kobani palmyra manbij afrin azaz jarablus quneitra suwayda sweida zabadani madaya
	damascus syria iraq turkey russia iran lebanon jordan israel`)

// nameStops end a personal name when walking back from the end of a
// phrase: the words before it belong to a title or an organisation.
var nameStops = set(`rights human affairs policy crisis board authority service services guild league directorate health council coalition observatory network
	ministry command committee organisation organization agency office crescent cross forces army`)

// nameParticles may sit inside a personal name in lower case.
var nameParticles = set(`al el bin ibn abu de da van von der du la le`)

func isDet(w string) bool { return w == "the" || w == "a" || w == "an" }

// possLost reports a possessive that lost its apostrophe: "Syrias", "Idlibs".
func possLost(w string) bool {
	if len(w) < 4 || w[len(w)-1] != 's' || strings.HasSuffix(w, "'s") {
		return false
	}
	stem := w[:len(w)-1]
	if k := strings.IndexByte(stem, '-'); k > 0 && nameParticles[stem[:k]] {
		stem = stem[k+1:] // "al-Assads"
	}
	return places[stem] || stem == "assad" || stem == "obama" || stem == "putin" || stem == "trump" || placeNames[stem] || strings.HasSuffix(stem, "ch") || strings.HasSuffix(stem, "sh") ||
		orgWords[stem] && stem != "forces" // "the State Departments Jen Psaki"
}

// nameLike reports whether toks[s:e] is a personal name, perhaps after
// titles: capitalised words and particles, no organisation or place words.
func (x *stmtExtractor) nameLike(toks []tok, s, e int) (names int, ok bool) {
	for k := s; k < e; k++ {
		txt := x.text[toks[k].s:toks[k].e]
		w := x.word(toks[k])
		switch {
		case titles[w] && names == 0:
		case nameParticles[w] && k > s:
		case x.nameWord(txt, w):
			names++
		default:
			return names, false
		}
	}
	return names, names > 0
}

// nameWord reports a word that may be part of a personal name: "Rahman",
// "al-Assad", not "Syrias", "Rights", "pro-Damascus" or "Meanwhile".
func (x *stmtExtractor) nameWord(txt, w string) bool {
	if !isCapWord(txt) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(txt); !unicode.IsUpper(r) {
		if k := strings.IndexByte(w, '-'); k < 0 || !nameParticles[w[:k]] {
			return false // "pro-Damascus"
		}
	}
	bare := w
	if k := strings.IndexByte(w, '-'); k > 0 && nameParticles[w[:k]] {
		bare = w[k+1:] // "al-Zor"
	}
	return !orgWords[w] && !geoWords[w] && !places[w] && !placeNames[bare] && !nameStops[w] && !notWho[w] &&
		!leadAdverbs[w] && !leadParticiples[w] && !headingWords[w] && !datelineWords[w] && !months[w] && !days[w] &&
		!possLost(w) && !isAcronym(txt) && !speakerNouns[w] && !demonyms[w] && !titles[w]
}

// personal reports a head noun that names one person's post: "director",
// "spokesman", "member", not "agency" or "officials".
func personal(w string) bool {
	return personNouns[w] || titles[w] || w == "member" || w == "activist" || w == "writer" || strings.HasSuffix(w, "-president")
}

// roleHead is the head of toks[s:e]: the word before "of"/"for", or the last.
func (x *stmtExtractor) roleHead(toks []tok, s, e int) string {
	for m := s + 1; m < e; m++ {
		if v := x.word(toks[m]); v == "of" || v == "for" {
			return x.word(toks[m-1])
		}
	}
	return x.word(toks[e-1])
}

// roleFrom is the text of toks[s:e] without a leading determiner.
func (x *stmtExtractor) roleFrom(toks []tok, s, e int) string {
	for s < e-1 && isDet(x.word(toks[s])) {
		s++
	}
	return x.text[toks[s].s:toks[e-1].e]
}

func (x *stmtExtractor) trimWire(toks []tok, s, e int) (int, int, string) {
	// a dateline, a sentence adverb or an opening participle before the subject
	for s < e-1 {
		w := x.word(toks[s])
		txt := x.text[toks[s].s:toks[s].e]
		switch {
		case headingWords[w] && isCapWord(txt):
			return s, s, "" // "Tags Syria Russia ...": a heading, not a subject
		case (datelineWords[w] || months[w] || days[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0) && !x.firstName(toks, s, e):
			s++ // "Published November 22 2017", "AFP Wednesday 9 Jul 2014"
			continue
		case leadAdverbs[w] && isCapWord(txt):
			s++
			continue
		case leadParticiples[w] && isCapWord(txt):
			// up to the determiner that opens the subject, or nothing
			k := s + 1
			for k < e && !isDet(x.word(toks[k])) {
				k++
			}
			if k >= e-1 {
				return s, s, ""
			}
			s = k
			continue
		}
		break
	}
	if w := x.word(toks[s]); s == e-1 && (datelineWords[w] || months[w] || isDet(w)) {
		return s, s, "" // "Thu Feb", "An Apr 2017"
	}
	// a capitalised determiner inside the phrase opens a new sentence:
	// "Omar the Chechen The Pentagon", "Aleppo A military source"
	for k := e - 2; k > s; k-- {
		txt := x.text[toks[k].s:toks[k].e]
		if (txt == "The" || txt == "A" || txt == "An") && !prepositions[x.word(toks[k-1])] && x.word(toks[k-1]) != "and" {
			s = k + 1
			break
		}
	}
	if s < e-1 && isDet(x.word(toks[s])) {
		s++
	}
	// a lower-case determiner: an appositive after a name ("Abu Shadi a
	// local media activist", "Dr Ammar al-Assad a Member of Parliament"),
	// or, after words that name nobody, the subject itself ("Footage the
	// observatory", "Another activist group the Syrian Observatory")
	for k := s + 1; k < e-1; k++ {
		w := x.word(toks[k])
		if !isDet(w) || prepositions[x.word(toks[k-1])] || x.word(toks[k-1]) == "and" || isCapWord(x.text[toks[k].s:toks[k].e]) {
			continue
		}
		yHead := x.roleHead(toks, k+1, e)
		personY := personal(yHead)
		role := x.roleFrom(toks, k+1, e)
		// the name at the end of the words before: "Qamishli resident Suleiman Youssef"
		r := k
		for r > s && (x.nameWord(x.text[toks[r-1].s:toks[r-1].e], x.word(toks[r-1])) || nameParticles[x.word(toks[r-1])] && r < k) {
			r--
		}
		tail, _ := x.nameLike(toks, r, k)
		n, named := x.nameLike(toks, s, k)
		switch {
		case named && (n >= 2 || personY):
			return s, k, role
		case tail >= 2 && personY && !isCapWord(x.text[toks[s].s:toks[s].e]):
			return s, k, role
		case tail >= 2 && personY && r > s && !leadAdverbs[x.word(toks[s])]:
			return s, k, role
		case !named && x.capPhrase(toks, s, k) && !isCapWord(x.text[toks[e-1].s:toks[e-1].e]) && yHead != "statement" && yHead != "report":
			// "Syrian Observatory for Human Rights a London-based war monitor"
			return s, k, role
		default:
			s = k + 1
		}
		break
	}
	// a title, then a personal name at the end: "head of the Syrian
	// Observatory for Human Rights Rami Abdel Rahman"
	if of := x.ofFor(toks, s, e); of > s && personal(x.word(toks[of-1])) {
		b := e
		for b > s {
			w := x.word(toks[b-1])
			if nameParticles[w] && b < e || x.nameWord(x.text[toks[b-1].s:toks[b-1].e], w) {
				b--
				continue
			}
			break
		}
		// "Aron Lund of the think tank Century International": a name
		// first; "director of the Karvel Water Board": no name after
		if n0, named := x.nameLike(toks, s, of); named && n0 >= 2 {
			b = e
		}
		if lw := x.word(toks[b-1]); lw == "the" || lw == "of" || lw == "for" {
			b = e
		}
		if n, ok := x.nameLike(toks, b, e); ok && n >= 2 && b-s >= 2 && b > of {
			return b, e, x.roleFrom(toks, s, b)
		}
	}
	// a name, then an appositive without its comma: "Rami Abdulrahman
	// director of the Syrian Observatory", "Zakaria Malahifji senior
	// official", "Nasr al-Hariri Secretary General of the Syrian Coalition"
	for k := s + 1; k < e; k++ {
		w := x.word(toks[k])
		txt := x.text[toks[k].s:toks[k].e]
		lowerRole := !isCapWord(txt) && !nameParticles[w] && x.npWord(toks[k]) && !isDet(w) && w != "of" && w != "for" && w != "and"
		capRole := false
		if isCapWord(txt) && (titles[w] || speakerNouns[w]) {
			m := k
			for m < e && titles[x.word(toks[m])] {
				m++
			}
			capRole = m < e-1 && (x.word(toks[m]) == "of" || x.word(toks[m]) == "for")
		}
		if !lowerRole && !capRole {
			continue
		}
		// "Mohammad al-Shaar Syrias interior minister", "Kenneth Roth
		// Human Rights Watchs executive director": the possessor is no name
		p := s
		for p < k && (x.nameWord(x.text[toks[p].s:toks[p].e], x.word(toks[p])) || titles[x.word(toks[p])] || nameParticles[x.word(toks[p])] && p > s) {
			p++
		}
		if p < k && !possLost(x.word(toks[k-1])) {
			break
		}
		n, ok := x.nameLike(toks, s, p)
		if !ok || n < 2 && !titles[x.word(toks[s])] || !personal(x.roleHead(toks, k, e)) {
			break
		}
		// "Jaish al-Islam spokesman Islam Alloush": a title before a name
		m := k
		for m < e && !isCapWord(x.text[toks[m].s:toks[m].e]) && x.word(toks[m]) != "of" && x.word(toks[m]) != "for" {
			m++
		}
		if m < e && m > k && x.word(toks[m-1]) != "the" && isCapWord(x.text[toks[m].s:toks[m].e]) {
			break
		}
		return s, p, x.roleFrom(toks, p, e)
	}
	return s, e, ""
}

// ofFor returns the index of the first "of" or "for" in toks[s:e], or -1.
func (x *stmtExtractor) ofFor(toks []tok, s, e int) int {
	for k := s; k < e; k++ {
		if w := x.word(toks[k]); w == "of" || w == "for" {
			return k
		}
	}
	return -1
}

// capPhrase reports a proper name of capitalised words with joining words:
// "Syrian Observatory for Human Rights".
func (x *stmtExtractor) capPhrase(toks []tok, s, e int) bool {
	if s >= e || !isCapWord(x.text[toks[s].s:toks[s].e]) || leadAdverbs[x.word(toks[s])] {
		return false
	}
	for k := s; k < e; k++ {
		w := x.word(toks[k])
		if !isCapWord(x.text[toks[k].s:toks[k].e]) && w != "of" && w != "for" && w != "and" && w != "the" && !nameParticles[w] {
			return false
		}
	}
	return isCapWord(x.text[toks[e-1].s:toks[e-1].e])
}

// namedAt reports "named" or "called" joining a post to a name: "a
// witness named Ahmad", "a doctor called Sami Haddad".
func (x *stmtExtractor) namedAt(toks []tok, k int) bool {
	w := x.word(toks[k])
	if w != "named" && w != "called" || k < 1 || k+1 >= len(toks) || toks[k+1].kind != tWord {
		return false
	}
	prev := toks[k-1]
	return prev.kind == tWord && personNouns[x.word(prev)] && !isCapWord(x.text[prev.s:prev.e]) &&
		x.nameWord(x.text[toks[k+1].s:toks[k+1].e], x.word(toks[k+1]))
}

// particleInName reports whether the lower-case particle at k belongs to
// the personal name in toks[s:e]: "Staffan de Mistura", "Ursula von der
// Leyen", and, opening the phrase, "de Mistura told reporters" or "al
// Qalamoni said" (never "Mistura, de").
func (x *stmtExtractor) particleInName(toks []tok, s, k, e int) bool {
	if !nameParticles[x.word(toks[k])] {
		return false
	}
	n := k + 1
	for n < e && nameParticles[x.word(toks[n])] {
		n++
	}
	if n >= e || !isCapWord(x.text[toks[n].s:toks[n].e]) {
		return false
	}
	p := k - 1
	for p >= s && nameParticles[x.word(toks[p])] {
		p--
	}
	return p < s || isCapWord(x.text[toks[p].s:toks[p].e]) && !titles[x.word(toks[p])]
}

// postAliases are the words a later sentence uses for a post a role names
// in full: "Prime Minister Wael al-Halqi ... the Premier said".
var postAliases = map[string]string{"premier": "prime minister", "pm": "prime minister", "envoy": "envoy",
	"minister": "minister", "president": "president", "governor": "governor", "spokesman": "spokesman",
	"spokeswoman": "spokeswoman", "ambassador": "ambassador", "commander": "commander", "mayor": "mayor",
	"secretary": "secretary", "chancellor": "chancellor", "director": "director", "chief": "chief"}

// postOf resolves "the Premier", "the envoy": a definite post alone
// names the person holding it who spoke last, when the text gave that
// post in full before. One speaker in the last few, no guess between two.
func (x *stmtExtractor) postOf(toks []tok, s, e int) (int, bool) {
	if e-s != 2 || x.word(toks[s]) != "the" {
		return -1, false
	}
	post, ok := postAliases[x.word(toks[e-1])]
	if !ok {
		return -1, false
	}
	found := -1
	for k := len(x.hist) - 1; k >= 0 && k >= len(x.hist)-4; k-- {
		o := x.ents[x.hist[k]]
		if o.kind == 'p' && strings.Contains(lower(o.role), post) {
			if found >= 0 && found != x.hist[k] {
				return -1, false
			}
			found = x.hist[k]
		}
	}
	return found, found >= 0
}

// firstName tells a first name spelt like a date's short form ("Jan
// Okafor", "Sat Singh") from a dateline ("Jan 5 2017", "AFP Wednesday"):
// a personal name follows it and nothing after looks like a date.
func (x *stmtExtractor) firstName(toks []tok, s, e int) bool {
	w := x.word(toks[s])
	if !datelineWords[w] || months[w] || s+1 >= e || !isCapWord(x.text[toks[s].s:toks[s].e]) {
		return false
	}
	n := x.word(toks[s+1])
	return x.nameWord(x.text[toks[s+1].s:toks[s+1].e], n) && !isNumber(n)
}
