package facts

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus"
)

// General news counts deaths that are no casualties of a war, an attack or
// a disaster, and sums figures over years and over many events. The rules
// here keep such figures from being stated as one event's toll: a death
// from illness is no toll, and a figure summed over a period or over many
// events has neither one incident's scope nor one incident's place.

// tollHealthRE names a death from illness, drugs or the like: "died of a
// heart attack", "the premature deaths of two musicians from drug
// overdoses", "a painkiller may be linked to 56,000 deaths".
var tollHealthRE = regexp.MustCompile(`\b(?:heart\s+attacks?|heart\s+failure|strokes?\b|overdoses?|cancers?|tumou?rs?|diseases?|illness(?:es)?|natural\s+causes|old\s+age|premature\s+deaths?|side[- ]effects?|smoking|obesity|aids|hiv|malaria|cholera|tuberculosis|flu|influenza|infections?|viruse?s?|drugs?|medicines?|medication|painkillers?|prescriptions?|committed\s+suicide|killed\s+themselves|their\s+own\s+lives|(?:may\s+be|may\s+have\s+been|were|was|is|are|been)\s+linked\s+to|associated\s+with)\b`)

// tollHealthLits: one of them is in every match of tollHealthRE.
var tollHealthLits = makeLitSet([]string{"heart", "stroke", "overdose", "cancer", "tumo", "disease", "illness", "natural", "old age",
	"premature", "effect", "smoking", "obesity", "aids", "hiv", "malaria", "cholera", "tuberculosis", "flu", "infection", "virus",
	"drug", "medic", "painkiller", "prescription", "suicide", "themselves", "own lives", "linked", "associated"})

// tollViolenceRE names a violent death or a disaster: a sentence naming
// one counts casualties, whatever else it names ("a strike on the
// hospital killed 12 patients", "cholera has killed 2,000 amid the war").
var tollViolenceRE = regexp.MustCompile(`\b(?:attacks?|attacked|strikes|air\s?strikes?|raids?|bomb\w*|shell\w*|shot|shooting|gun\w*|fighting|wars?|conflicts?|blasts?|explosions?|massacre\w*|clashes|forces|troops|army|rebels?|militants?|militias?|jihadists?|regime|siege|besieged|executed|tortur\w*|stabbed|murder\w*|explosives?|suicide\s+(?:bomb\w*|attack\w*)|terror\w*|blew|fire|crash\w*|tsunamis?|earthquakes?|quakes?|floods?|hurricanes?|storms?|poison\w*|gas|chemical)\b`)

// tollWantRE names a death from want: "died because of the lack of food
// and water", "of exhaustion". In an article about a war or a siege such
// deaths are its toll ("died of hunger in the besieged town"); elsewhere
// they are no casualties.
var tollWantRE = regexp.MustCompile(`\b(?:lack\s+of\s+(?:food|water|sleep)|exhaustion|dehydration|starvation|malnutrition|hunger|hypothermia)\b`)

var tollWantLits = makeLitSet([]string{"lack of", "exhaustion", "dehydration", "starvation", "malnutrition", "hunger", "hypothermia"})

// tollHealthDeath reports a death figure whose sentence gives illness,
// drugs or suicide as its cause (or want, outside an article about
// conflict) and names no violence nor disaster.
func tollHealthDeath(c *sentCtx, art *corpus.Article) bool {
	health := tollHealthLits.anyIn(c.lower, &c.grams) && tollHealthLRE.matchString(c.lower, &c.grams)
	if !health && !(tollWantLits.anyIn(c.lower, &c.grams) && tollWantLRE.matchString(c.lower, &c.grams) && !c.art.conflictIn(art)) {
		return false
	}
	// "a heart attack" is no attack
	l, g := c.lower, &c.grams
	if strings.Contains(l, "heart attack") {
		l = strings.ReplaceAll(l, "heart attack", "heart-failure")
		lg := makeBigrams(l)
		g = &lg
	}
	return !tollViolenceLRE.matchString(l, g) && !(tollDisasterLits.anyIn(l, g) && tollDisasterRE.MatchString(l))
}

// tollManyEventsRE sums a figure over many events: "lost their lives in
// the catastrophes", "died in about 300 disasters", "in 40 separate
// accidents".
var tollManyEventsRE = regexp.MustCompile(`\b(?:in|from|during|across)\s+(?:the\s+|these\s+|those\s+|such\s+|all\s+|(?:about|some|around|nearly|almost|over|more\s+than)\s+)?(?:[\d,]+\s+|dozens\s+of\s+|hundreds\s+of\s+|several\s+|many\s+|numerous\s+)?(?:separate\s+|natural\s+|other\s+|similar\s+|different\s+)?(?:catastrophes|disasters|incidents|accidents|crashes|earthquakes|events)\b`)

// tollPeriodRE sums a figure over a period: "between June 2003 and 2004",
// "between 1990 and 2004", "over 30 years", "in the past decade", "under
// the general's regime", "during military rule",
// "each year", "annually".
var tollPeriodRE = regexp.MustCompile(`\bbetween\s+(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?(?:19|20)\d\d\s+and\s+(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?(?:(?:19|20)\d\d|\d\d)\b|\b(?:over|in|during|across|for|within|throughout|spanning)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+|first\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|many)\s+(?:more\s+)?(?:years|decades)\b|\b(?:over|in|during|for|within|throughout)\s+the\s+(?:past|last|previous)\s+(?:year|decade|century)\b|\b(?:each|every|per)\s+year\b|\bannually\b|\bunder\s+(?:the\s+)?(?:[\p{L}.-]+\s+){0,3}?[\p{L}.-]+['’]s\s+(?:\d+-year\s+|long\s+|military\s+)?(?:regime|rule|dictatorship|junta|reign)\b|\b(?:under|during)\s+(?:the\s+)?(?:years\s+of\s+)?(?:old\s+|former\s+|previous\s+)?(?:military|communist|apartheid|colonial|soviet|old|former|previous)\s+(?:rule|regime|dictatorship|junta|era)\b`)

// tollPeriodHeadRE opens a sentence with a period: "Thirty more years; ...".
var tollPeriodHeadRE = regexp.MustCompile(`^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\s+(?:more\s+)?(?:years|decades)\s*[;:,]`)

// the patterns run only where one of the literals their matches begin
// with occurs (see litRE)
var (
	tollPeriodLRE     = newLitRE(tollPeriodRE.String())
	tollManyEventsLRE = newLitRE(tollManyEventsRE.String())
	tollHealthLRE     = newLitRE(tollHealthRE.String())
	tollViolenceLRE   = newLitRE(tollViolenceRE.String())
	tollWantLRE       = newLitRE(tollWantRE.String())
)

// tollPeriodLits: one of them is in every match of tollManyEventsRE or
// tollPeriodRE.
var tollPeriodLits = makeLitSet([]string{"between", "under", "during", "years", "decade", "year", "annually", "catastrophes", "disasters", "incidents",
	"accidents", "crashes", "earthquakes", "events", "century"})

// tollAggregate reports a sentence that sums its figures over a period or
// over many events.
func tollAggregate(c *sentCtx) bool {
	return tollPeriodLits.anyIn(c.lower, &c.grams) && (tollPeriodLRE.matchString(c.lower, &c.grams) || tollManyEventsLRE.matchString(c.lower, &c.grams)) ||
		tollPeriodHeadRE.MatchString(c.lower)
}

// tollConflictRE names armed conflict in an article's title or opening:
// a figure there whose own sentence decides no scope is the campaign's or
// the war's by its size (the rule of the Syrian wire copy); in an article
// about anything else the size says nothing of a campaign.
var tollConflictRE = regexp.MustCompile(`\b(?:wars?|conflicts?|civil\s+war|uprising|revolution|insurgen\w*|fighting|offensives?|campaigns?|assaults?|bombardments?|sieges?|besieged|military|operations?|air\s?strikes?|strikes|raids?|shelling|battles?|clashes|crackdowns?|attacks?|bomb\w*|troops|forces|army|rebels?|militants?|militias?|jihadists?|regime|killed|genocide|holocaust|massacres?|violence|terror\w*|execut\w*|displace\w*|refugees?|isis|daesh|qaeda|taliban|hezbollah|hamas|shabab|jihad\w*|islamic\s+state|occupation|occupied)\b`)

// conflictIn reports an article about armed conflict or a disaster (its
// figures are scoped by their size), read once an article.
func (a *srcArticle) conflictIn(art *corpus.Article) bool {
	if !a.conflictRead {
		a.conflictRead = true
		head := strings.ToLower(art.Title + " " + art.Text[:min(len(art.Text), 600)])
		g := makeBigrams(head)
		// a disaster article's figures are scoped as before: rescope
		// makes the size's campaign the disaster's one event
		a.conflict = tollConflictRE.MatchString(head) || tollDisasterLits.anyIn(head, &g) && tollDisasterRE.MatchString(head) || tollCalamityLits.anyIn(head, &g) && tollCalamityRE.MatchString(head)
	}
	return a.conflict
}

// tollCommemorationRE is what stands between a place and a figure whose
// dead are mourned, helped or given to there: "the UK joins a silence for
// the 150,000 dead", "the club donated its takings to the families of the 40 dead". The place is
// where the mourning is, not where they died.
var tollCommemorationRE = regexp.MustCompile(`(?i)\b(?:silence|tributes?|mourn\w*|memorials?|vigils?|commemorat\w*|remembr\w*|remember\w*|honou?r\w*|sympathy|condolences?|solidarity|donat\w*|fundrais\w*|pledge\w*|minute's|minute’s)\b`)

// tollCommemorationWords: one of them is in every match of
// tollCommemorationRE, lower-cased.
var tollCommemorationWords = []string{"silence", "tribute", "mourn", "memorial", "vigil", "commemorat", "remembr", "remember",
	"honou", "honor", "sympathy", "condolence", "solidarity", "donat", "fundrais", "pledge", "minute"}

// tollBusinessRE ends the text before a name that is a firm's, a club's or
// a paper's, not a place: "at milk firm Yili", "the carmaker Volga".
var tollBusinessRE = regexp.MustCompile(`(?i)\b(?:firm|company|group|giant|maker|carmaker|producer|manufacturer|retailer|bank|brand|airline|club|team|chain|operator|supplier|label|studio|broadcaster|newspaper|paper|magazine|daily|website|fund|insurer|conglomerate)\s+$`)

// tollNotAPlace reports a place span the text names as a business, not a
// location.
func tollNotAPlace(s string, start int) bool {
	// the word right before the name's spaces, looked up before the
	// pattern runs: most places follow no such word
	w := strings.TrimRight(s[:start], " \t\n\r\f")
	if len(w) == len(s[:start]) {
		return false
	}
	j := len(w)
	for j > 0 && (isLetterByte(w[j-1]) || w[j-1] >= 0x80) {
		j--
	}
	if !tollBusinessWords[strings.ToLower(w[j:])] {
		return false
	}
	b, _ := before(s, start, 40)
	return tollBusinessRE.MatchString(b)
}

// tollBusinessWords are the words tollBusinessRE's matches end with.
var tollBusinessWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`firm company group giant maker carmaker producer manufacturer retailer bank brand airline club
		team chain operator supplier label studio broadcaster newspaper paper magazine daily website fund insurer conglomerate`) {
		m[w] = true
	}
	return m
}()

// srcRunOn reports a description that opens a new sentence the scraper
// ran on into this one: a capitalised head right after a lower-case word
// with no stop between them ("the rupee shed 0.1% against the dollar
// Analysts said that ..."). Such a source is the next sentence's.
func srcRunOn(s string, at int) bool {
	if at <= 1 || at >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[at:])
	if !unicode.IsUpper(r) || s[at-1] != ' ' {
		return false
	}
	w := strings.TrimRight(s[:at], " ")
	j := strings.LastIndexByte(w, ' ')
	prev := w[j+1:]
	if prev == "" {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(prev)
	if !unicode.IsLower(p) {
		return false // a dateline's year ("AP Friday 6 Oct 2017 Syrian activists say")
	}
	if first, _ := utf8.DecodeRuneInString(prev); unicode.IsUpper(first) {
		return false // "Interior Ministry", a name's words
	}
	return !srcRunOnFunction[strings.ToLower(prev)]
}

// srcRunOnFunction are the words a capitalised description may follow in
// its own sentence: "the Health Ministry", "of Syrian officials".
var srcRunOnFunction = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true, "of": true, "by": true,
	"to": true, "from": true, "and": true, "or": true, "said": true, "says": true, "told": true, "according": true,
	"with": true, "for": true, "in": true, "at": true, "on": true, "that": true, "as": true, "both": true,
}

// srcCueOpensRE is what follows a cue that opens the words it reports:
// "said that ...", "said it was difficult to predict the cost". A cue
// that ends its sentence, or is followed by a time or a participle ("said
// on Tuesday, contradicting ..."), reports what came before it.
var srcCueOpensRE = regexp.MustCompile(`^[\p{L}]+\s+(?:that|it|there|he|she|they|we|this|these)\s`)

// srcCueOpens reports a cue at cue in s followed by what it reports.
func srcCueOpens(s string, cue int) bool {
	if cue < 0 || cue >= len(s) {
		return false
	}
	return srcCueOpensRE.MatchString(s[cue:])
}

// tollClearedRE ends the text before a killing the courts have found did
// not happen as charged: "was wrongly convicted of", "acquitted of",
// "cleared of", "acquitted him of".
var tollClearedRE = regexp.MustCompile(`(?i)\b(?:(?:wrongly|wrongfully|falsely)\s+(?:convicted|accused|charged|jailed)|acquitted|cleared|exonerated)(?:\s+(?:him|her|them|me|us))?\s+of\s+(?:the\s+)?$`)

// srcDocGapRE is a gap between a name and a cue that is the cue's own
// subject, a document: in "killed under the old regime, an official
// report says" the report says it, not the regime.
var srcDocGapRE = regexp.MustCompile(`(?i)^\s*,?\s*(?:an?|the|its|their|this|that)\s+(?:[\p{L}-]+\s+){0,3}?(?:report|study|survey|inquiry|review|paper|analysis|audit|census|poll|tally|figures|data|estimates?)\s*$`)
