package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

var (
	followLeadRE  = regexp.MustCompile(`(?i)^(?:and|but|also|so|ok|okay|then)?\s*(?:what|how)\s+about\s+|^(?:and|but|also)\s+`)
	followWhoElse = regexp.MustCompile(`(?i)^(?:and\s+)?who\s+else\s+(?:said|says|has\s+said|is\s+saying|commented|spoke)`)
	followOlder   = regexp.MustCompile(`(?i)^(?:and\s+|any\s+|show\s+(?:me\s+)?)?(?:the\s+)?(?:older|earlier)(?:\s+(?:ones?|reports?|figures?|quotes?|claims?))?|^(?:and\s+)?before\s+(?:that|then)`)
	followNewer   = regexp.MustCompile(`(?i)^(?:and\s+|any\s+|show\s+(?:me\s+)?)?(?:the\s+)?(?:newer|more\s+recent|later)(?:\s+(?:ones?|reports?|figures?|quotes?|claims?))?|^(?:and\s+)?since\s+(?:then|that)`)
	followPlaceRE = regexp.MustCompile(`(?i)^(?:in|at|for|near|from|around)\s+(.+)$`)
	followTollRE  = regexp.MustCompile(`(?i)^(?:the\s+)?(injur\w*|wounded|hurt|dead|deaths?|killed|displac\w*|refugees|missing|detain\w*|arrest\w*|civilians?|children|women|soldiers|troops|fighters|rebels)\b`)
	followAboutRE = regexp.MustCompile(`(?i)^(?:about|on|regarding)\s+(.+)$`)
)

// followUp reads text against the previous question of the conversation
// ("and in Idlib?" after "How many were killed in Aleppo?"). It returns the
// query for text and true when text is a follow-up; a question that stands
// on its own is not one.
func (e *Engine) followUp(ctx context.Context, prev, text string, lx lexicon) (query, bool) {
	t := strings.TrimSpace(strings.NewReplacer("’", "'", "“", `"`, "”", `"`).Replace(text))
	t = strings.TrimRight(t, "?!. ")
	if prev == "" || t == "" || strings.HasPrefix(t, "/") {
		return query{}, false
	}
	q0, err := routeWith(prev, lx)
	if err != nil || q0.Intent == IntentError || q0.Intent == IntentHelp || q0.Intent == IntentSources || q0.Intent == IntentReindex {
		return query{}, false
	}
	q := q0
	q.Note = ""
	said := func(how string) string {
		return fmt.Sprintf("Read as a follow-up to “%s”: %s.", strings.TrimSpace(prev), how)
	}
	switch {
	case followWhoElse.MatchString(t):
		topic := q0.Topic
		if topic == "" {
			topic = e.firstQuoteWords(ctx, q0)
		}
		if topic == "" {
			return query{}, false
		}
		q = query{Intent: IntentQuote, Topic: topic, When: q0.When, Exclude: q0.Speaker}
		q.Note = said("others quoted on “" + topic + "”")
		return q, true
	case followOlder.MatchString(t), followNewer.MatchString(t):
		older := followOlder.MatchString(t)
		oldest, newest := e.answerDates(ctx, q0)
		if oldest.IsZero() {
			return query{}, false
		}
		if older {
			q.When = period{From: q0.When.From, To: oldest.AddDate(0, 0, -1), Label: "before " + oldest.Format("2006-01-02")}
			q.Note = said("reports before " + oldest.Format("2 January 2006"))
		} else {
			q.When = period{From: newest.AddDate(0, 0, 1), To: q0.When.To, Label: "after " + newest.Format("2006-01-02")}
			q.Note = said("reports after " + newest.Format("2 January 2006"))
		}
		return q, true
	}
	lead := followLeadRE.FindString(t)
	rest := strings.TrimSpace(t[len(lead):])
	if when, left := readPeriod(rest, lx.now); !when.empty() && strings.Trim(left, " ,") == "" {
		q.When = when
		q.Note = said(strings.TrimPrefix(whenLabel(when), " "))
		return q, true
	}
	if lead == "" && !followPlaceRE.MatchString(rest) {
		return query{}, false // a question of its own
	}
	if m := followTollRE.FindStringSubmatch(rest); m != nil && (q0.Intent == IntentToll || lead != "") {
		tq := tollQuery("how many "+rest, nil)
		q.Intent = IntentToll
		if q0.Intent != IntentToll {
			q = query{Intent: IntentToll, Category: "killed", Place: q0.Place, Places: q0.Places, When: q0.When}
		}
		if sg := normaliseSubgroup(m[1]); sg == "civilians" || sg == "children" || sg == "women" || sg == "soldiers" || sg == "combatants" {
			q.Subgroup = sg
		} else {
			q.Category, q.Subgroup = tq.Category, ""
		}
		q.Note = said(tollLabel(q))
		return q, true
	}
	if m := followAboutRE.FindStringSubmatch(rest); m != nil {
		q.Topic = cleanName(m[1])
		if q.Intent == IntentSearch {
			q.Topic = strings.TrimSpace(q0.Topic + " " + q.Topic)
		}
		q.Note = said("about " + q.Topic)
		return q, true
	}
	place := ""
	if m := followPlaceRE.FindStringSubmatch(rest); m != nil {
		place = m[1]
	} else if ps := e.findPlaces(rest); len(ps) > 0 && names1(ps[0]) == names1(rest) {
		place = rest
	}
	if place != "" {
		places, parent := placePhrase(place)
		if len(places) == 0 && parent == "" {
			return query{}, false
		}
		switch q.Intent {
		case IntentQuote:
			q.Topic = strings.Join(places, " ")
			q.Note = said("about " + q.Topic)
			return q, true
		case IntentSearch:
			q.Topic = strings.TrimSpace(q0.Topic + " " + strings.Join(places, " "))
			q.Note = said(q.Topic)
			return q, true
		}
		q.Place, q.Places, q.Parent = "", nil, parent
		if len(places) > 0 {
			q.Place, q.Places = places[0], places[1:]
		} else {
			q.Place = parent
		}
		q.Note = said("the same question for " + strings.Join(append([]string{q.Place}, q.Places...), " and "))
		return q, true
	}
	if lead != "" && rest != "" {
		// "and Lavrov?" after a quote question: another speaker
		switch q.Intent {
		case IntentQuote:
			q.Speaker = cleanName(rest)
			q.Note = said("quotes from " + q.Speaker)
			return q, true
		case IntentSearch:
			q.Topic = strings.TrimSpace(q0.Topic + " " + rest)
			q.Note = said(q.Topic)
			return q, true
		case IntentToll, IntentControl:
			// "and Khirbet Ali?" after "Who controls Tell Shair?"
			if places, _ := placePhrase(rest); len(places) > 0 && startsUpper(places[0]) {
				q.Place, q.Places, q.Parent = places[0], places[1:], ""
				q.Note = said("the same question for " + strings.Join(places, " and "))
				return q, true
			}
		}
	}
	return query{}, false
}

func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

func names1(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// firstQuoteWords are the words of the previous answer's first quote, for
// "who else said that?" after a question with no topic.
func (e *Engine) firstQuoteWords(ctx context.Context, q query) string {
	if q.Intent != IntentQuote {
		return ""
	}
	r, err := e.quotes(ctx, q)
	if err != nil || len(r.Answers) == 0 {
		return ""
	}
	words := significantTokens(r.Answers[0].Quote + " " + r.Answers[0].Evidence)
	var keep []string
	for _, w := range words {
		if len(w) > 4 && !strings.Contains(names1(q.Speaker), w) {
			keep = append(keep, w)
		}
		if len(keep) == 5 {
			break
		}
	}
	return strings.Join(keep, " ")
}

// answerDates are the oldest and newest dates the previous answer's first
// page shows.
func (e *Engine) answerDates(ctx context.Context, q query) (oldest, newest time.Time) {
	r, err := e.dispatch(ctx, q, Request{})
	if err != nil {
		return
	}
	for i, a := range r.Answers {
		if i == e.opt.PageSize {
			break
		}
		d, ok := parseDay(a.Source.Date)
		if !ok {
			continue
		}
		if oldest.IsZero() || d.Before(oldest) {
			oldest = d
		}
		if d.After(newest) {
			newest = d
		}
	}
	return
}
