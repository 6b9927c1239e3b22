package facts

import (
	"regexp"
	"strconv"
	"strings"
)

// A figure as written: "more than 14,000", "about 5.5 million", "nine",
// "dozens". Offsets are relative to the string searched.
//
// Conventions: an open-ended figure ("at least 12", "more than 370") keeps
// the figure given in Count and Low, with High 0 (unknown); "up to 30" has
// High 30 and Low 0; exact, "about" and "nearly" figures have Low = High =
// Count; a range "10 to 15" has Count = Low = 10, High = 15 and qualifier
// at_least. A vague figure counts as its low end: a dozen 12, dozens 24,
// scores 40, hundreds 200, thousands 2,000, tens of thousands 20,000,
// hundreds of thousands 200,000, millions 2,000,000.
type figure struct {
	Start, End int // the whole phrase, qualifier included
	NumStart   int // where the figure itself starts
	Value      int64
	Low, High  int64
	Qualifier  string
	Word       bool // written in words ("nine"), not digits
}

var figQualifiers = []struct{ phrase, q string }{
	{"at least", AtLeast}, {"no fewer than", AtLeast}, {"no less than", AtLeast}, {"a minimum of", AtLeast},
	{"more than", MoreThan}, {"over", MoreThan}, {"upwards of", MoreThan}, {"in excess of", MoreThan},
	{"nearly", Nearly}, {"almost", Nearly}, {"close to", Nearly}, {"just under", Nearly}, {"some", About},
	{"about", About}, {"around", About}, {"roughly", About}, {"approximately", About}, {"an estimated", About},
	{"estimated", About}, {"up to", UpTo}, {"as many as", UpTo}, {"at most", UpTo}, {"fewer than", UpTo}, {"less than", UpTo},
}

var figWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "one hundred": 100,
}

var figVague = map[string]int64{
	"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
	"hundreds of thousands": 200000, "millions": 2000000,
}

var figScales = map[string]int64{"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}

var figureRE = func() *regexp.Regexp {
	var qs []string
	for _, q := range figQualifiers {
		qs = append(qs, strings.ReplaceAll(q.phrase, " ", `\s+`))
	}
	words := `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+dozen|a\s+hundred`
	tens := `twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety`
	units := `one|two|three|four|five|six|seven|eight|nine`
	digits := `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
	vague := `tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions`
	fig := `(?:` + digits + `|(?:` + tens + `)-(?:` + units + `)|` + words + `)`
	return regexp.MustCompile(`(?i)\b(?:(` + strings.Join(qs, "|") + `)\s+)?(?:(` + vague + `)|(` + fig + `)(?:\s*(?:-|–|to|and)\s*(` + digits + `))?(?:\s+(hundred|thousand|million|billion)\b)?)\b`)
}()

// findFigures returns every figure in s, in order.
func findFigures(s string) []figure {
	var out []figure
	for _, m := range figureRE.FindAllStringSubmatchIndex(s, -1) {
		n := figure{Start: m[0], End: m[1], Qualifier: Exact}
		if m[2] >= 0 {
			phrase := strings.ToLower(strings.Join(strings.Fields(s[m[2]:m[3]]), " "))
			for _, q := range figQualifiers {
				if q.phrase == phrase {
					n.Qualifier = q.q
				}
			}
		}
		switch {
		case m[4] >= 0:
			n.NumStart = m[4]
			n.Value = figVague[strings.ToLower(strings.Join(strings.Fields(s[m[4]:m[5]]), " "))]
			n.Qualifier = Vague
			n.Word = true
		default:
			n.NumStart = m[6]
			v, word, ok := parseFigure(s[m[6]:m[7]])
			if !ok {
				continue
			}
			n.Value, n.Word = v, word
			if m[10] >= 0 {
				mult := figScales[strings.ToLower(s[m[10]:m[11]])]
				if word && mult == 100 && v >= 100 {
					continue // "a hundred hundred": not a figure
				}
				n.Value = figScaled(s[m[6]:m[7]], v, mult)
			}
			if m[8] >= 0 {
				hi, _, ok := parseFigure(s[m[8]:m[9]])
				if !ok || hi <= v {
					// "13-15" reads as a range only when it rises; "2011-2012"
					// and phone-like digits are not figures
					continue
				}
				if m[10] >= 0 {
					hi = figScaled(s[m[8]:m[9]], hi, figScales[strings.ToLower(s[m[10]:m[11]])])
				}
				n.High = hi
				n.Low = n.Value
				if n.Qualifier == Exact {
					n.Qualifier = AtLeast
				}
			}
		}
		if n.Low == 0 && n.High == 0 {
			switch n.Qualifier {
			case UpTo:
				n.High = n.Value
			case AtLeast, MoreThan, Vague:
				n.Low = n.Value
			default:
				n.Low, n.High = n.Value, n.Value
			}
		}
		out = append(out, n)
	}
	return out
}

// scaled multiplies a figure by a scale word, keeping decimals exact:
// "5.5" million is 5,500,000.
func figScaled(text string, v, mult int64) int64 {
	t := strings.ReplaceAll(text, ",", "")
	if i := strings.IndexByte(t, '.'); i >= 0 {
		f, err := strconv.ParseFloat(t, 64)
		if err == nil {
			return int64(f*float64(mult) + 0.5)
		}
	}
	return v * mult
}

// parseFigure reads "14,000", "5.5", "nine", "twenty-five", "a dozen".
// Decimals are truncated (a scale word multiplies them exactly).
func parseFigure(s string) (v int64, word, ok bool) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if n, ok := figWords[t]; ok {
		return n, true, true
	}
	if a, b, found := strings.Cut(t, "-"); found {
		x, ok1 := figWords[a]
		y, ok2 := figWords[b]
		if ok1 && ok2 && x >= 20 && y < 10 {
			return x + y, true, true
		}
		return 0, false, false
	}
	t = strings.ReplaceAll(t, ",", "")
	if i := strings.IndexByte(t, '.'); i >= 0 {
		t = t[:i]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > 1e12 {
		return 0, false, false
	}
	return n, false, true
}
