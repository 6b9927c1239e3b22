package bot

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// period is a stretch of days a question asks about: "in July 2013", "the
// week up to 21 November 2016", "since mid-September". From and To are
// inclusive days; a zero time leaves that side open.
type period struct {
	From, To time.Time
	Label    string // as the reply names it: "July 2013"
}

func (p period) empty() bool { return p.From.IsZero() && p.To.IsZero() }

// contains reports whether a YYYY-MM-DD day (or a YYYY-MM month) falls in p.
// An undated fact is never in a period.
func (p period) contains(date string) bool {
	if p.empty() {
		return true
	}
	d, ok := parseDay(date)
	if !ok {
		return false
	}
	return (p.From.IsZero() || !d.Before(p.From)) && (p.To.IsZero() || !d.After(p.To))
}

func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if d, err := time.Parse(layout, s); err == nil {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

const monthNames = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`

var (
	// one date: "21 November 2016", "November 21, 2016", "mid-September",
	// "early July 2015", "July 2013", "2014"
	dateExpr = `(?:(?:(early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[\s-]+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?(?:\s+(\d{4}))?|(` + monthNames + `)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?,?)?(?:\s+(\d{4}))?|((?:19|20)\d{2})))`
	dateRE   = regexp.MustCompile(`(?i)^` + dateExpr + `$`)
	// the phrases that carry a date, longest first
	betweenRE  = regexp.MustCompile(`(?i)\b(?:between|from)\s+(` + dateExpr + `)\s+(?:and|to|until|till)\s+(` + dateExpr + `)\b`)
	weekUpToRE = regexp.MustCompile(`(?i)\b(?:in\s+)?the\s+(week|fortnight|month)\b(?:\s+of(?:\s+[a-z-]+){1,3}?)?\s+(?:up\s+to|to|until|ending|before)\s+(` + dateExpr + `)\b`)
	sinceRE    = regexp.MustCompile(`(?i)\b(since|after|from|up\s+to|until|till|before|by)\s+(` + dateExpr + `)\b`)
	inDateRE   = regexp.MustCompile(`(?i)\b(?:in|during|on|of|for|throughout)\s+(` + dateExpr + `)\b`)
	bareYearRE = regexp.MustCompile(`\b((?:19|20)\d{2})\b`)
	relDateRE  = regexp.MustCompile(`(?i)\b(yesterday|today|this\s+week|last\s+week|past\s+week|this\s+month|last\s+month|this\s+year|last\s+year|past\s+(\d+)\s+days)\b`)
)

// readPeriod finds the date a question asks about and returns it with the
// question's text without it. now is the question's date, for "last week".
func readPeriod(text string, now time.Time) (period, string) {
	cut := func(loc []int) string {
		return strings.Join(strings.Fields(text[:loc[0]]+" "+text[loc[1]:]), " ")
	}
	if m := betweenRE.FindStringSubmatchIndex(text); m != nil {
		a, okA := dateSpan(text[m[2]:m[3]], now)
		// the second date's group starts after the first's nine groups
		b, okB := dateSpan(text[m[20]:m[21]], now)
		if okA && okB {
			if b.From.Year() == 1 {
				b = a
			}
			return period{From: a.From, To: b.To, Label: "between " + a.Label + " and " + b.Label}, cut(m[:2])
		}
	}
	if m := weekUpToRE.FindStringSubmatchIndex(text); m != nil {
		if d, ok := dateSpan(text[m[4]:m[5]], now); ok {
			days := map[string]int{"week": 7, "fortnight": 14, "month": 30}[strings.ToLower(text[m[2]:m[3]])]
			return period{From: d.To.AddDate(0, 0, -days), To: d.To, Label: "the " + strings.ToLower(text[m[2]:m[3]]) + " up to " + d.Label}, cut(m[:2])
		}
	}
	if m := sinceRE.FindStringSubmatchIndex(text); m != nil {
		if d, ok := dateSpan(text[m[4]:m[5]], now); ok {
			word := strings.ToLower(strings.Join(strings.Fields(text[m[2]:m[3]]), " "))
			switch word {
			case "since", "after", "from":
				if word == "after" {
					d.From = d.To.AddDate(0, 0, 1)
				}
				return period{From: d.From, Label: word + " " + d.Label}, cut(m[:2])
			case "before":
				return period{To: d.From.AddDate(0, 0, -1), Label: "before " + d.Label}, cut(m[:2])
			default:
				return period{To: d.To, Label: "up to " + d.Label}, cut(m[:2])
			}
		}
	}
	if m := inDateRE.FindStringSubmatchIndex(text); m != nil {
		if d, ok := dateSpan(text[m[2]:m[3]], now); ok {
			return d, cut(m[:2])
		}
	}
	if m := relDateRE.FindStringSubmatchIndex(text); m != nil {
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		w := strings.ToLower(strings.Join(strings.Fields(text[m[2]:m[3]]), " "))
		p := period{Label: w}
		switch {
		case w == "today":
			p.From, p.To = day, day
		case w == "yesterday":
			p.From, p.To = day.AddDate(0, 0, -1), day.AddDate(0, 0, -1)
		case w == "this week":
			p.From, p.To = day.AddDate(0, 0, -int((day.Weekday()+6)%7)), day
		case w == "last week" || w == "past week":
			p.From, p.To = day.AddDate(0, 0, -7), day
		case w == "this month":
			p.From, p.To = time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC), day
		case w == "last month":
			first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
			p.From, p.To = first.AddDate(0, -1, 0), first.AddDate(0, 0, -1)
		case w == "this year":
			p.From, p.To = time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC), day
		case w == "last year":
			p.From, p.To = time.Date(day.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(day.Year()-1, 12, 31, 0, 0, 0, 0, time.UTC)
		default: // past N days
			n, _ := strconv.Atoi(text[m[4]:m[5]])
			p.From, p.To = day.AddDate(0, 0, -n), day
		}
		return p, cut(m[:2])
	}
	if m := bareYearRE.FindStringSubmatchIndex(text); m != nil {
		if d, ok := dateSpan(text[m[2]:m[3]], now); ok {
			return d, cut(m[:2])
		}
	}
	return period{}, text
}

// dateSpan reads one date expression as the days it covers: a day, part
// of a month, a month or a year. A month without a year is the latest such
// month up to now.
func dateSpan(s string, now time.Time) (period, bool) {
	m := dateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return period{}, false
	}
	part, dayA, monA, yearA, monB, dayB, yearB, year := strings.ToLower(m[1]), m[2], m[3], m[4], m[5], m[6], m[7], m[8]
	if year != "" {
		y, _ := strconv.Atoi(year)
		p := period{From: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), Label: year}
		return narrow(p, part), true
	}
	mon, day, yr := monA, dayA, yearA
	if monB != "" {
		mon, day, yr = monB, dayB, yearB
	}
	month := monthOf(mon)
	if month == 0 {
		return period{}, false
	}
	y := now.Year()
	if yr != "" {
		y, _ = strconv.Atoi(yr)
	} else if month > now.Month() {
		y-- // "since mid-September" asked in March means last September
	}
	label := time.Month(month).String()
	if yr != "" {
		label += " " + yr
	}
	if day != "" {
		d, _ := strconv.Atoi(day)
		if d < 1 || d > 31 {
			return period{}, false
		}
		t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
		return period{From: t, To: t, Label: strings.TrimSpace(day + " " + label)}, true
	}
	first := time.Date(y, month, 1, 0, 0, 0, 0, time.UTC)
	p := period{From: first, To: first.AddDate(0, 1, -1), Label: label}
	return narrow(p, part), true
}

// narrow takes the early, middle or late part of a month or year.
func narrow(p period, part string) period {
	if part == "" {
		return p
	}
	days := int(p.To.Sub(p.From).Hours()/24) + 1
	third := days / 3
	switch {
	case part == "early" || strings.HasSuffix(part, "start of") || strings.HasSuffix(part, "beginning of"):
		p.To = p.From.AddDate(0, 0, third-1)
	case part == "mid":
		p.From, p.To = p.From.AddDate(0, 0, third), p.From.AddDate(0, 0, 2*third-1)
	default: // late, the end of
		p.From = p.From.AddDate(0, 0, 2*third)
	}
	p.Label = strings.ReplaceAll(part, "the ", "") + " " + p.Label
	if part == "mid" {
		p.Label = "mid-" + strings.TrimPrefix(p.Label, "mid ")
	}
	return p
}

func monthOf(s string) time.Month {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
			return m
		}
	}
	return 0
}
