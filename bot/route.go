package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Intents the engine answers.
const (
	IntentQuote   = "quote"
	IntentToll    = "toll"
	IntentControl = "control"
	IntentSearch  = "search"
	IntentSources = "sources"
	IntentReindex = "reindex"
	IntentHelp    = "help"
	IntentError   = "error"
)

// MaxRequestLen is the longest request text the engine reads, in characters.
const MaxRequestLen = 500

// query is a routed request: what to look for, independent of how it was asked.
type query struct {
	Intent     string
	Speaker    string // quote: name, alias, surname or role
	Topic      string // quote: words the quote should be about; search: the query
	Place      string
	Controller string
	Status     string
	Category   string // toll: killed, injured, displaced, missing, detained
	Subgroup   string // toll: civilians, children ...
	// Counted is who a toll question counts when it is no subgroup:
	// "How many Britons died?", "how many peacekeepers were killed?"
	Counted string
	Scope   string // toll: "war" when asked about the whole war, else ""
	Source  string // toll, control: "according to X"
	Weekday *time.Weekday
	Phrase  bool // search: the user quoted the whole query
	// Places are further places of a list ("Zaytan and Khalasa"), after Place.
	Places []string
	// Parent is the larger place asked about: "the Ramussa district of
	// Aleppo", "which part of Homs".
	Parent string
	// When bounds the facts' dates ("in July 2013", "since mid-September").
	When period
	// Latest asks for the newest facts and passages about Topic ("latest
	// on Aleppo") rather than a keyword search.
	Latest bool
	// Note is said before the answer: how a follow-up or a misspelt name
	// was read ("showing results for Peskov").
	Note string
	// Exclude is a speaker left out: "who else said that?"
	Exclude string
}

// lexicon is what routing knows beyond the words: the places it can name
// and the question's date, for "last week".
type lexicon struct {
	place func(string) string
	now   time.Time
}

// userError is a reply to a request the engine cannot take as it is. Its
// message is safe to show to the person who asked.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...)}
}

// validate rejects text no engine should try to answer.
func validate(text string) error {
	if !utf8.ValidString(text) {
		return badRequest("I couldn't read that message: it isn't valid text.")
	}
	if strings.TrimSpace(text) == "" {
		return badRequest("Ask me something, for example “What did Peskov say?”, “/toll” or “/search airport”.")
	}
	if n := utf8.RuneCountInString(text); n > MaxRequestLen {
		return badRequest("That's %d characters; please keep questions under %d.", n, MaxRequestLen)
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return badRequest("Your message contains control characters; please retype it as plain text.")
		}
	}
	if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return badRequest("I need at least one word or number to look for.")
	}
	return nil
}

// parseCommand splits "/quote speaker:Netanyahu topic:Syria" into the
// command and its options. Text before the first option is the value of the
// command's first option ("/search airport"). Option values run to the next
// known option name, so they may hold spaces and colons ("/search title:x").
func parseCommand(text string) (Command, map[string]string, error) {
	text = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), "/"))
	name, rest, _ := strings.Cut(text, " ")
	name = strings.ToLower(name)
	cmd, ok := findCommand(name)
	if !ok {
		return Command{}, nil, badRequest("I don't know the command /%s. I know %s.", name, commandNames())
	}
	opts := map[string]string{}
	rest = strings.TrimSpace(rest)
	// positions of "name:" where name is an option of this command
	type mark struct {
		name              string
		start, valueStart int
	}
	var marks []mark
	for i := 0; i < len(rest); i++ {
		if i > 0 && rest[i-1] != ' ' {
			continue
		}
		j := i
		for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] >= 'A' && rest[j] <= 'Z' || rest[j] == '_') {
			j++
		}
		if j == i || j >= len(rest) || rest[j] != ':' {
			continue
		}
		opt := strings.ToLower(rest[i:j])
		if _, known := cmd.option(opt); known {
			marks = append(marks, mark{opt, i, j + 1})
		} else if i == 0 && !cmd.freeText() {
			return cmd, nil, badRequest("/%s has no option %s:. Its options are %s.", cmd.Name, rest[i:j], cmd.optionNames())
		}
	}
	if len(cmd.Options) == 0 {
		if rest != "" {
			return cmd, nil, badRequest("/%s takes no options.", cmd.Name)
		}
		return cmd, opts, nil
	}
	lead := rest
	if len(marks) > 0 {
		lead = rest[:marks[0].start]
	}
	if lead = strings.TrimSpace(lead); lead != "" {
		opts[cmd.Options[0].Name] = lead
	}
	for k, m := range marks {
		end := len(rest)
		if k+1 < len(marks) {
			end = marks[k+1].start
		}
		if _, dup := opts[m.name]; dup {
			return cmd, nil, badRequest("/%s: option %s: is given twice.", cmd.Name, m.name)
		}
		opts[m.name] = strings.TrimSpace(rest[m.valueStart:end])
	}
	for _, o := range cmd.Options {
		v, given := opts[o.Name]
		if given && v == "" {
			return cmd, nil, badRequest("/%s: option %s: needs a value.", cmd.Name, o.Name)
		}
		if o.Required && !given {
			return cmd, nil, badRequest("/%s needs %s: for example /%s %s:%s", cmd.Name, o.Name, cmd.Name, o.Name, example(o.Name))
		}
		if given && len(o.Choices) > 0 && !slices.Contains(o.Choices, strings.ToLower(v)) {
			return cmd, nil, badRequest("/%s: %s: must be one of %s.", cmd.Name, o.Name, strings.Join(o.Choices, ", "))
		}
		if given && len(o.Choices) > 0 {
			opts[o.Name] = strings.ToLower(v)
		}
	}
	return cmd, opts, nil
}

// freeText reports whether the command's first option is free text, where
// "title:x" is something to look for rather than a mistyped option.
func (c Command) freeText() bool { return c.Name == "search" || c.Name == "ask" }

func example(opt string) string {
	switch opt {
	case "speaker":
		return "Peskov"
	case "place":
		return "Aleppo"
	case "query":
		return "airport"
	case "question":
		return "Who controls Aleppo?"
	}
	return "..."
}

// route turns a request into a query: commands by their options, plain
// questions by what they ask.
func route(text string, placeFinder func(string) string) (query, error) {
	return routeWith(text, lexicon{place: placeFinder, now: time.Now().UTC()})
}

func routeWith(text string, lx lexicon) (query, error) {
	if err := validate(text); err != nil {
		return query{}, err
	}
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "/") {
		cmd, opts, err := parseCommand(t)
		if err != nil {
			return query{Intent: IntentError}, err
		}
		switch cmd.Name {
		case "ask":
			return classify(opts["question"], lx), nil
		case "quote":
			return query{Intent: IntentQuote, Speaker: opts["speaker"], Topic: opts["topic"]}, nil
		case "toll":
			q := query{Intent: IntentToll, Place: opts["place"], Category: opts["category"]}
			if q.Category == "" {
				q.Category = "killed"
			}
			return q, nil
		case "control":
			return query{Intent: IntentControl, Place: opts["place"]}, nil
		case "search":
			q := query{Intent: IntentSearch, Topic: opts["query"]}
			q.Topic, q.Phrase = unquotePhrase(q.Topic)
			return q, nil
		case "sources":
			return query{Intent: IntentSources}, nil
		case "reindex":
			return query{Intent: IntentReindex}, nil
		case "help":
			return query{Intent: IntentHelp}, nil
		}
	}
	return classify(t, lx), nil
}

// unquotePhrase reports whether the whole query is one quoted phrase.
func unquotePhrase(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, p := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}} {
		if len(s) > len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.ContainsAny(inner, `"“”`) {
				return strings.TrimSpace(inner), true
			}
		}
	}
	return s, false
}

var (
	quoteREs = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^(?:so\s+)?(?:what|which\s+\w+)\s+(?:did|does|do|has|have|had)\s+(.+?)\s+(?:say|said|says|tell|told|claim|claimed|announce|announced|state|stated|comment|commented|declare|declared|warn|warned|call\s+for|called\s+for|urge|urged|vow|vowed|pledge|pledged|promise|promised|accuse|accused|deny|denied|demand|demanded|ask\s+for|asked\s+for|want|wanted|think|thought|predict|predicted)(?:\s+(?:reporters|journalists|afp|reuters|the press|media))?(?:\s+(?:about|on|regarding|concerning|of|over)\s+(.+?))?\W*$`),
		regexp.MustCompile(`(?i)^(?:show\s+(?:me\s+)?|give\s+me\s+|find\s+|any\s+)?(?:the\s+)?(?:quotes?|statements?|comments?|remarks?|words)\s+(?:from|by|of)\s+(.+?)(?:\s+(?:about|on|regarding|concerning)\s+(.+?))?\W*$`),
		regexp.MustCompile(`(?i)^what\s+(?:is|are|was|were)\s+(.+?)\s+saying(?:\s+(?:about|on)\s+(.+?))?\W*$`),
		regexp.MustCompile(`(?i)^(?:has|have|did)\s+(.+?)\s+(?:said|say|commented|comment|spoken|speak)\s+(?:anything\s+|something\s+)?(?:about|on)\s+(.+?)\W*$`),
		regexp.MustCompile(`(?i)^how\s+(?:did|has|have)\s+(.+?)\s+(?:react|reacted|respond|responded)(?:\s+to\s+(.+?))?\W*$`),
		regexp.MustCompile(`(?i)^(?:who\s+is|who's)\s+quoted\s+(?:about|on)\s+(.+?)\W*$`),
	}
	// "Who said Aleppo is lost?", "quotes about Aleppo": the words, not the speaker
	quoteTopicREs = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^who\s+(?:said|says|has\s+said|warned|claimed|called|described|told)\s+(?:that\s+)?(.+?)\W*$`),
		regexp.MustCompile(`(?i)^(?:show\s+(?:me\s+)?|any\s+)?(?:quotes?|statements?|comments?|reactions?)\s+(?:about|on|regarding|concerning)\s+(.+?)\W*$`),
	}
	controlPlaceREs = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bwho\s+(?:now\s+)?(?:controls|controlled|holds|held|runs|took|seized|captured|retook|recaptured|took\s+over|is\s+(?:in\s+control\s+of|holding|controlling)|has\s+(?:control\s+of|taken|seized|captured)|had\s+(?:control\s+of|taken))\s+(?:the\s+)?(.+?)\W*$`),
		regexp.MustCompile(`(?i)^(?:has|did|have)\s+(?:the\s+)?(.+?)\s+(?:fall|fallen|been\s+(?:taken|captured|seized|lost|retaken|recaptured))\b`),
		regexp.MustCompile(`(?i)\b(?:who(?:'s|\s+is)\s+in\s+control\s+of|control\s+of|status\s+of|situation\s+in)\s+(?:the\s+)?(.+?)\W*$`),
	}
	tookRE          = regexp.MustCompile(`(?i)\bwho\s+(?:took|seized|captured|retook|recaptured|took\s+over|has\s+(?:taken|seized|captured)|had\s+taken)\b`)
	controlUnderRE  = regexp.MustCompile(`(?i)^(?:is|are|was)\s+(?:the\s+)?(.+?)\s+(?:still\s+)?(?:under|in)\s+(?:the\s+)?(.+?)\s+(?:control|hands)\W*$`)
	controlDidRE    = regexp.MustCompile(`(?i)^(?:did|have|has)\s+(?:the\s+)?(.+?)\s+(?:take|taken|took|seize|seized|capture|captured|enter|entered|retake|retaken|recapture|recaptured|lose|lost)\s+(?:control\s+of\s+)?(?:the\s+)?(.+?)\W*$`)
	controlByRE     = regexp.MustCompile(`(?i)^(?:is|are|was)\s+(?:the\s+)?(.+?)\s+(?:still\s+)?(?:held|controlled|captured|taken|seized)\s+by\s+(?:the\s+)?(.+?)\W*$`)
	controlWhichRE  = regexp.MustCompile(`(?i)^(?:which|what)(?:\s+(?:towns?|cities|city|villages?|places?|areas?|territory|territories|districts?|neighbou?rhoods?|provinces?|bases?))?\s+(?:have|has|did|do|does)\s+(?:the\s+)?(.+?)\s+(?:taken|took|take|seized|seize|captured|capture|won|lost|lose|control|hold|held)\b`)
	tollCueRE       = regexp.MustCompile(`(?i)\b(?:how\s+many|death\s+toll|toll|casualt\w*|number\s+of\s+(?:dead|deaths|people|civilians|victims|displaced|injured|wounded)|body\s+count|fatalities|(?:latest|official|death|casualty)\s+figures?)\b|'s\s+(?:figures?|count|tally|toll)\b`)
	tollCategoryREs = []struct {
		re  *regexp.Regexp
		cat string
	}{
		{regexp.MustCompile(`(?i)\b(?:injur\w*|wounded|hurt)\b`), "injured"},
		{regexp.MustCompile(`(?i)\b(?:displac\w*|fled|flee\w*|refugees?|homeless|uprooted|evacuated)\b`), "displaced"},
		{regexp.MustCompile(`(?i)\b(?:missing|disappeared)\b`), "missing"},
		{regexp.MustCompile(`(?i)\b(?:detain\w*|arrest\w*|captured|imprisoned|jailed)\b`), "detained"},
	}
	// groundAfterRE follows a group word that names a side's ground, not
	// who was counted: "the rebel stronghold", "rebel-held", "government
	// areas"
	groundAfterRE = regexp.MustCompile(`(?i)^(?:-|\s+)(?:held|controlled|run|stronghold|strongholds|bastion|bastions|territory|territories|areas?|positions?|enclaves?|side|lines|towns?|city|cities|districts?|neighbou?rhoods?|parts?|camps?|bases?|-held|-controlled)\b`)
	subgroupRE    = regexp.MustCompile(`(?i)\b(civilians?|children|child|kids|women|combatants?|fighters?|soldiers?|troops|rebels?|militants?|jihadists?|police(?:men)?)\b`)
	weekdayRE     = regexp.MustCompile(`(?i)\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
	warScopeRE    = regexp.MustCompile(`(?i)\b(?:since\s+(?:2011|the\s+(?:start|beginning)|the\s+war\s+(?:began|started))|(?:whole|entire|civil)\s+war|in\s+the\s+war|war[- ]wide|overall)\b`)
	accordingRE   = regexp.MustCompile(`(?i)\b(?:according\s+to|says?|per|by)\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|for|of|the))*)`)
	// the event a toll question names: "in the chemical attack", "by the car bomb"
	tollEventRE = regexp.MustCompile(`(?i)\b(?:in|from|by|during|after)\s+(?:the|a|an|this|last|yesterday's|today's)\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)(?:\s+(?:in|on|at|near|of|since|according)\b|\W*$)`)
	inPlaceRE   = regexp.MustCompile(`\b(?:in|at|near|around|of)\s+((?:[a-z]{1,3}-)?[A-Z][\w'’-]+(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w'’-]+)*)`)
)

// classify routes a plain-language question.
func classify(text string, lx lexicon) query {
	t := strings.TrimSpace(text)
	t = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(t)
	t = fixGrammarTypos(t)
	war := warScopeRE.MatchString(t)
	when, rest := readPeriod(t, lx.now)
	if war && when.To.IsZero() && !when.From.IsZero() && when.From.Year() <= 2011 {
		when, rest = period{}, t // "since 2011" asks for the whole war, not a date filter
	}
	if !when.empty() {
		t = strings.TrimSpace(rest)
	}
	q := classifyWords(t, lx)
	q.When = when
	if war && q.Intent == IntentToll {
		q.Scope = "war"
	}
	return q
}

var (
	latestRE = regexp.MustCompile(`(?i)^(?:(?:what(?:'s|\s+is)\s+)?(?:the\s+)?(?:latest|newest|recent)(?:\s+(?:news|reports?|updates?))?\s+(?:on|about|from|in|for)\s+|what(?:'s|\s+is)\s+(?:new|happening)\s+(?:in|on|with|at)\s+|(?:any\s+)?news\s+(?:from|on|about|in)\s+|updates?\s+(?:on|from|about)\s+)(?:the\s+)?(.+?)\W*$`)
	// "which part of Homs do the rebels hold?", "which districts of Aleppo are held by the army?"
	whichPartRE = regexp.MustCompile(`(?i)^(?:which|what)\s+(?:parts?|districts?|neighbou?rhoods?|areas?|quarters?|sections?)\s+of\s+(?:the\s+)?(.+?)(?:\s+(?:do|does|did|have|has)\s+(?:the\s+)?(.+?)\s+(?:hold|control|held|controlled|have|own|taken|seized|captured)|\s+(?:is|are|was|were)\s+(?:held|controlled|taken|seized|captured)\s+by\s+(?:the\s+)?(.+?)|\s+(?:is|are|was|were)\s+(?:held|controlled|under\s+\w+\s+control))?\W*$`)
	// "according to the Observatory", "as the UN says", "says the UN"
	askedSourceRE  = regexp.MustCompile(`(?i)(?:\baccording\s+to|\bas\s+reported\s+by|\bciting|\bper|,?\s+(?:says|said|say)|\bas\s+(?:reported|counted)\s+by)\s+(?:the\s+)?([\w.'’-]+(?:\s+(?:for|of|the|[\w.'’-]+)){0,5}?)(?:\s+(?:in|on|at|since|during|between|from)\b.*|\W*)$`)
	figureSourceRE = regexp.MustCompile(`(?i)\b(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)'s\s+(?:figures?|count|toll|tally|estimate|numbers?)\b`)
)

func classifyWords(t string, lx lexicon) query {
	if m := latestRE.FindStringSubmatch(t); m != nil {
		return query{Intent: IntentSearch, Topic: cleanName(m[1]), Latest: true}
	}
	for _, re := range quoteREs {
		if m := re.FindStringSubmatch(t); m != nil {
			q := query{Intent: IntentQuote, Speaker: cleanName(m[1])}
			if len(m) > 2 {
				q.Topic = strings.TrimSpace(m[2])
			}
			if strings.HasPrefix(strings.ToLower(t), "who is quoted") || strings.HasPrefix(strings.ToLower(t), "who's quoted") {
				q.Speaker, q.Topic = "", cleanName(m[1])
			}
			if q.Speaker != "" || q.Topic != "" {
				return q
			}
		}
	}
	for _, re := range quoteTopicREs {
		if m := re.FindStringSubmatch(t); m != nil {
			return query{Intent: IntentQuote, Topic: strings.TrimSpace(m[1])}
		}
	}
	src := ""
	if m := askedSourceRE.FindStringSubmatchIndex(t); m != nil {
		src = strings.TrimSpace(t[m[2]:m[3]])
		if !strings.EqualFold(src, "the") {
			t = strings.TrimSpace(t[:m[0]] + " " + t[m[1]:])
		} else {
			src = ""
		}
	}
	if src == "" {
		if m := figureSourceRE.FindStringSubmatch(t); m != nil {
			src = m[1]
		}
	}
	withPlace := func(q query, phrase string) query {
		places, parent := placePhrase(phrase)
		if len(places) > 0 {
			q.Place, q.Places = places[0], places[1:]
		}
		q.Parent = parent
		if q.Place == "" && parent != "" {
			q.Place = parent
		}
		q.Source = src
		return q
	}
	if m := controlDidRE.FindStringSubmatch(t); m != nil {
		return withPlace(query{Intent: IntentControl, Controller: cleanName(m[1])}, m[2])
	}
	if m := controlUnderRE.FindStringSubmatch(t); m != nil {
		return withPlace(query{Intent: IntentControl, Controller: cleanName(m[2])}, m[1])
	}
	if m := controlByRE.FindStringSubmatch(t); m != nil {
		return withPlace(query{Intent: IntentControl, Controller: cleanName(m[2])}, m[1])
	}
	if m := controlWhichRE.FindStringSubmatch(t); m != nil {
		q := query{Intent: IntentControl, Controller: cleanName(m[1]), Status: "seized", Source: src}
		lower := strings.ToLower(t)
		if strings.Contains(lower, " lost") || strings.Contains(lower, " lose") {
			q.Status = "lost"
		} else if strings.Contains(lower, "control") || strings.Contains(lower, "hold") {
			q.Status = ""
		}
		return q
	}
	if tollCueRE.MatchString(t) {
		q := tollQuery(t, lx.place)
		if src != "" {
			q.Source = src
		}
		return q
	}
	if m := whichPartRE.FindStringSubmatch(t); m != nil {
		q := withPlace(query{Intent: IntentControl}, m[1])
		q.Parent = q.Place
		if len(m) > 2 && m[2] != "" {
			q.Controller = cleanName(m[2])
		}
		return q
	}
	for _, re := range controlPlaceREs {
		if m := re.FindStringSubmatch(t); m != nil {
			q := withPlace(query{Intent: IntentControl}, m[1])
			if tookRE.MatchString(t) {
				q.Status = "seized" // who took it: the claims of a taking first
			}
			return q
		}
	}
	q := query{Intent: IntentSearch, Topic: t}
	q.Topic, q.Phrase = unquotePhrase(q.Topic)
	return q
}

// grammarTypos are misspellings of the words questions are built of
// ("wht did de mistura say"); names are corrected against the archive
// instead, where the answer says which name was used.
var grammarTypos = map[string]string{"wht": "what", "waht": "what", "whta": "what", "wat": "what", "whad": "what",
	"hw": "how", "hwo": "how", "mnay": "many", "mny": "many", "sya": "say", "sayd": "said", "siad": "said",
	"kiled": "killed", "killd": "killed", "kileld": "killed", "dide": "died", "controles": "controls",
	"contols": "controls", "cotrols": "controls", "controll": "control", "woh": "who"}

var wordRE = regexp.MustCompile(`[A-Za-z]+`)

func fixGrammarTypos(t string) string {
	// only the first words, where the question's grammar stands
	var b strings.Builder
	at := 0
	for _, m := range wordRE.FindAllStringIndex(t, 6) {
		fix, ok := grammarTypos[strings.ToLower(t[m[0]:m[1]])]
		if !ok {
			continue
		}
		b.WriteString(t[at:m[0]])
		b.WriteString(fix)
		at = m[1]
	}
	b.WriteString(t[at:])
	return b.String()
}

func tollQuery(t string, placeFinder func(string) string) query {
	q := query{Intent: IntentToll, Category: "killed"}
	for _, c := range tollCategoryREs {
		if c.re.MatchString(t) {
			q.Category = c.cat
			break
		}
	}
	if sg := countedSubgroup(t); sg != "" {
		q.Subgroup = sg
	} else if m := countedRE.FindStringSubmatch(t); m != nil && !notCountedGroup[strings.ToLower(m[1])] {
		q.Counted = m[1]
	}
	if m := weekdayRE.FindStringSubmatch(t); m != nil {
		for d := time.Sunday; d <= time.Saturday; d++ {
			if strings.EqualFold(d.String(), m[1]) {
				d := d
				q.Weekday = &d
			}
		}
	}
	if warScopeRE.MatchString(t) {
		q.Scope = "war"
	}
	if m := accordingRE.FindStringSubmatch(t); m != nil {
		q.Source = strings.TrimSpace(m[1])
	}
	if m := tollEventRE.FindStringSubmatchIndex(t); m != nil {
		ev := strings.TrimSpace(t[m[2]:m[3]])
		if !tollGenericEvent[strings.ToLower(ev)] {
			q.Topic = ev
			// the event's own object: "the mortar attack on the school
			// in Homs", "the raid on the Kurdish town of Kobane"
			if eventObjectRE.MatchString(t[m[3]:]) {
				q.Topic = strings.TrimSpace(t[m[2]:])
			}
			q.Topic = strings.TrimRightFunc(q.Topic, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		}
	}
	if placeFinder != nil {
		q.Place = placeFinder(t)
	}
	if q.Place == "" {
		if m := inPlaceRE.FindStringSubmatch(t); m != nil && !isWeekdayOrMonth(m[1]) {
			q.Place = m[1]
		}
	}
	if q.Place != "" {
		if places, _ := placePhrase(q.Place); len(places) > 0 {
			q.Place = places[0]
		}
		// "the ambush near Deir ez-Zor": the place is asked apart
		for _, prep := range []string{" in ", " near ", " at ", " of ", " on ", " outside ", " around "} {
			if k := strings.LastIndex(strings.ToLower(q.Topic), prep+strings.ToLower(q.Place)); k > 0 {
				q.Topic = q.Topic[:k]
				break
			}
		}
	}
	q.Topic = strings.TrimSpace(q.Topic)
	return q
}

// countedRE is who a toll question counts: "how many Britons", "how many
// aid workers" (a plural noun after "how many").
var countedRE = regexp.MustCompile(`(?i)\bhow\s+many\s+((?:[a-z][\w'-]*\s+)?[a-z][\w'-]*s)\s+(?:were|have|had|are|was|died|dead|killed|lost|got|injured|wounded|hurt|missing|displaced|detained|arrested|fled)\b`)

// notCountedGroup are words after "how many" that count no one in
// particular.
var notCountedGroup = map[string]bool{"people": true, "persons": true, "victims": true, "lives": true, "deaths": true,
	"casualties": true, "bodies": true, "times": true, "others": true, "residents": true, "individuals": true,
	"humans": true, "dead": true, "more": true, "days": true, "years": true}

// eventObjectRE is what an event is on or at: "on the school in Homs",
// "at the Zahraa taxi stand", "on the Kurdish town of Kobane".
var eventObjectRE = regexp.MustCompile(`(?i)^\s*(?:on|at|near|against|targeting|outside|in)\s+(.+?)\W*$`)

// normaliseSubgroup maps the words for who was counted onto a few groups,
// so that "soldiers" asked finds "troops" reported.
// tollGenericEvent are words after "in the" that name no event of their own.
var tollGenericEvent = map[string]bool{"war": true, "offensive": true, "fighting": true, "conflict": true,
	"latest fighting": true, "civil war": true, "violence": true, "country": true, "city": true, "north": true,
	"south": true, "east": true, "west": true, "northwest": true, "northeast": true, "past week": true,
	"last week": true, "past 24 hours": true, "region": true, "province": true, "area": true}

// countedSubgroup is the group a toll question counts ("how many
// civilians"), leaving out group words that name a side's ground.
func countedSubgroup(t string) string {
	for _, m := range subgroupRE.FindAllStringSubmatchIndex(t, -1) {
		if !groundAfterRE.MatchString(t[m[1]:]) {
			return normaliseSubgroup(t[m[2]:m[3]])
		}
	}
	return ""
}

func normaliseSubgroup(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "civilian"):
		return "civilians"
	case s == "child" || s == "kids" || s == "children":
		return "children"
	case s == "women":
		return "women"
	case strings.HasPrefix(s, "police"):
		return "police"
	case strings.Contains(s, "soldier") || strings.Contains(s, "troop") || strings.Contains(s, "army") || strings.Contains(s, "pro-government") || strings.Contains(s, "regime"):
		return "soldiers"
	case strings.Contains(s, "combatant") || strings.Contains(s, "fighter") || strings.Contains(s, "rebel") || strings.Contains(s, "militant") || strings.Contains(s, "jihadist"):
		return "combatants"
	}
	return s
}

func isWeekdayOrMonth(s string) bool {
	s = strings.ToLower(s)
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.ToLower(d.String()) == s {
			return true
		}
	}
	for m := time.January; m <= time.December; m++ {
		if strings.ToLower(m.String()) == s {
			return true
		}
	}
	return false
}

// cleanName trims what surrounds a name in a question: articles, possessive
// endings, punctuation.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != '-' || unicode.IsSpace(r) })
	lower := strings.ToLower(s)
	for _, p := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(lower, p) {
			s = s[len(p):]
			lower = lower[len(p):]
		}
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "'")
	return strings.TrimSpace(s)
}
