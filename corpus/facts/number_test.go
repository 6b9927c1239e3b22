package facts

import "testing"

func TestFindNumbers(t *testing.T) {
	tests := []struct {
		in        string
		text      string
		value     int64
		low, high int64
		qualifier string
	}{
		{"killed 514 people", "514", 514, 514, 514, Exact},
		{"more than 14,000 people", "more than 14,000", 14000, 14000, 0, MoreThan},
		{"with about 5.5 million now", "about 5.5 million", 5500000, 5500000, 5500000, About},
		{"Nearly 50,000 people", "Nearly 50,000", 50000, 50000, 50000, Nearly},
		{"at least 12 people", "at least 12", 12, 12, 0, AtLeast},
		{"nine civilians", "nine", 9, 9, 9, Exact},
		{"twenty-five dead", "twenty-five", 25, 25, 25, Exact},
		{"two million people", "two million", 2000000, 2000000, 2000000, Exact},
		{"killing dozens of people", "dozens", 24, 24, 0, Vague},
		{"hundreds of thousands fled", "hundreds of thousands", 200000, 200000, 0, Vague},
		{"up to 30 people", "up to 30", 30, 0, 30, UpTo},
		{"13 to 15 hours", "13 to 15", 13, 13, 15, AtLeast},
		{"a dozen soldiers", "a dozen", 12, 12, 12, Exact},
		{"some 1.2 million refugees", "some 1.2 million", 1200000, 1200000, 1200000, About},
		{"over 400 dead", "over 400", 400, 400, 0, MoreThan},
		// thousands split by a space, as French and translated copy write them
		{"Over 1 000 civilians", "Over 1 000", 1000, 1000, 0, MoreThan},
		{"some 12 500 people", "some 12 500", 12500, 12500, 12500, About},
		{"at least 1\u00a0200 dead", "at least 1\u00a0200", 1200, 1200, 0, AtLeast},
	}
	for _, tt := range tests {
		ns := findFigures(tt.in)
		if len(ns) != 1 {
			t.Errorf("findFigures(%q) = %d figures, want 1", tt.in, len(ns))
			continue
		}
		n := ns[0]
		if got := tt.in[n.Start:n.End]; got != tt.text || n.Value != tt.value || n.Low != tt.low || n.High != tt.high || n.Qualifier != tt.qualifier {
			t.Errorf("findFigures(%q) = %q %d [%d,%d] %s, want %q %d [%d,%d] %s", tt.in, got, n.Value, n.Low, n.High, n.Qualifier, tt.text, tt.value, tt.low, tt.high, tt.qualifier)
		}
	}
	for _, in := range []string{"no figure here", "someone", "tonight", "the weekend is over"} {
		if ns := findFigures(in); len(ns) != 0 {
			t.Errorf("findFigures(%q) = %v, want none", in, ns)
		}
	}
}

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in string
		v  int64
		ok bool
	}{
		{"514", 514, true}, {"500,000", 500000, true}, {"5.5", 5, true}, {"nine", 9, true},
		{"Twenty-one", 21, true}, {"five-six", 0, false}, {"x", 0, false}, {"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		v, _, ok := parseFigure(tt.in)
		if v != tt.v || ok != tt.ok {
			t.Errorf("parseFigure(%q) = %d %v, want %d %v", tt.in, v, ok, tt.v, tt.ok)
		}
	}
}
