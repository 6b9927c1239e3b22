package names

import (
	"os"
	"strings"
	"testing"
)

func TestFindWorldPlaces(t *testing.T) {
	b, err := os.ReadFile("testdata/world_places.tsv")
	if err != nil {
		t.Fatal(err)
	}
	tab := Default()
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("testdata line without a tab: %q", line)
		}
		n++
		var got []string
		for _, sp := range tab.FindWorldPlaces(text) {
			got = append(got, text[sp.Start:sp.End]+"="+sp.Entry.Canonical)
		}
		if g := strings.Join(got, " | "); g != want {
			t.Errorf("FindWorldPlaces(%q)\n got %q\nwant %q", text, g, want)
		}
	}
	if n < 20 {
		t.Fatalf("only %d sentences read", n)
	}
}

// TestFindKeepsSyrian checks that Find, which the extractors call, reads
// no world place: only FindWorld does.
func TestFindKeepsSyrian(t *testing.T) {
	tab := Default()
	text := "Fighting in Mosul and Kharkiv spread to Aleppo, Syria."
	var got []string
	for _, sp := range tab.FindPlaces(text) {
		got = append(got, sp.Entry.Canonical)
	}
	if g := strings.Join(got, "|"); g != "Aleppo|Syria" {
		t.Errorf("FindPlaces = %q, want only the Syrian places", g)
	}
	var all []string
	for _, sp := range tab.FindWorld(text) {
		all = append(all, sp.Entry.Canonical)
	}
	if g := strings.Join(all, "|"); g != "Mosul|Kharkiv|Aleppo|Syria" {
		t.Errorf("FindWorld = %q", g)
	}
}

func TestWorldLookup(t *testing.T) {
	tab := Default()
	tests := []struct{ spelling, canonical string }{
		{"Kiev", "Kyiv"}, {"Kyiv", "Kyiv"}, {"Falluja", "Al Fallujah"}, {"Fallujah", "Al Fallujah"},
		{"Sri Lanka", "Sri Lanka"}, {"Burma", "Myanmar"}, {"Britain", "United Kingdom"}, {"Darfur", "Darfur"},
		{"Gaza", "Gaza"}, {"Mosul", "Mosul"}, {"Kharkov", "Kharkiv"}, {"Ivory Coast", "Ivory Coast"},
		// the hand-kept and Syrian entries keep their spellings
		{"Homs", "Homs"}, {"Hims", "Homs"}, {"Tartous", "Tartus"}, {"Halab", "Aleppo"}, {"Syria", "Syria"},
		{"Golan", "Golan Heights"},
	}
	for _, tt := range tests {
		if got := tab.Canonical(tt.spelling); got != tt.canonical {
			t.Errorf("Canonical(%q) = %q, want %q", tt.spelling, got, tt.canonical)
		}
		if !tab.IsPlace(tt.spelling) {
			t.Errorf("IsPlace(%q) = false", tt.spelling)
		}
	}
	for _, s := range []string{"Nice", "Reading", "Bath", "Split", "Mobile", "Police", "Of", "Florence", "Victoria", "Santos", "Qasim", "Hassan"} {
		if tab.IsPlace(s) {
			t.Errorf("IsPlace(%q) = true, want a word or a name", s)
		}
	}
	for s, want := range map[string]bool{"Syria": true, "Iraq": true, "Sri Lanka": true, "Britain": true, "US": true,
		"Mosul": false, "Darfur": false, "Aleppo": false, "Kyiv": false, "Jordan": true, "Assad": false} {
		if got := tab.IsCountry(s); got != want {
			t.Errorf("IsCountry(%q) = %v, want %v", s, got, want)
		}
	}
	if e, _ := tab.Lookup("Assad"); e.Kind != Person {
		t.Errorf("Lookup(Assad) = %v, want the person", e)
	}
}

// TestWorldClash checks that a world row yields to the hand-kept table: a
// row whose name is taken is left out, a spelling that is taken stays its
// holder's, and among world rows the earlier (larger) place wins.
func TestWorldClash(t *testing.T) {
	world := "# a test table\n" +
		"city\tLY\t200000\tHoms\tAl Khums\n" +
		"city\tXX\t90000\tNewtown\tAleppo|New Town\n" +
		"city\tYY\t80000\tNew Town\tNewtown Bay\n"
	tab, err := ParseWorld("place\tHoms\tHims\nplace\tAleppo\tHalab\n", "", world)
	if err != nil {
		t.Fatal(err)
	}
	for spelling, want := range map[string]string{"Homs": "Homs", "Al Khums": "", "Aleppo": "Aleppo", "Newtown": "Newtown", "New Town": "Newtown", "Newtown Bay": ""} {
		e, ok := tab.Lookup(spelling)
		if want == "" {
			if ok {
				t.Errorf("Lookup(%q) = %q, want none", spelling, e.Canonical)
			}
			continue
		}
		if e.Canonical != want {
			t.Errorf("Lookup(%q) = %q, want %q", spelling, e.Canonical, want)
		}
	}
	if got := len(tab.Entries()); got != 3 {
		t.Errorf("%d entries, want 3 (Homs, Aleppo, Newtown)", got)
	}
	text := "Shelling hit Aleppo and Newtown."
	var got []string
	for _, sp := range tab.FindWorldPlaces(text) {
		got = append(got, sp.Entry.Canonical)
	}
	if g := strings.Join(got, "|"); g != "Aleppo|Newtown" {
		t.Errorf("FindWorldPlaces = %q", g)
	}
	if _, err := ParseWorld("", "", "city\tXX\t1\tNowhere\n"); err == nil {
		t.Error("a row of 4 columns: want an error")
	}
	if _, err := ParseWorld("", "", "planet\tXX\t1\tMars\t\n"); err == nil {
		t.Error("an unknown type: want an error")
	}
}

// TestWorldTable checks the embedded table as generated: its size, its
// counts, and that Syria is left to the hand-kept entries.
func TestWorldTable(t *testing.T) {
	if len(worldTSV) > 3<<20 {
		t.Errorf("world table is %d bytes, want under 3 MiB", len(worldTSV))
	}
	types := map[string]int{}
	for _, line := range strings.Split(worldTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("line of %d columns: %q", len(f), line)
		}
		if f[1] == "SY" {
			t.Errorf("a Syrian row: %q", line)
		}
		types[f[0]]++
	}
	if types["country"] < 200 || types["capital"] < 180 || types["region"] < 2000 || types["city"] < 5000 {
		t.Errorf("counts %v: too few", types)
	}
}

func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := ParseWorld(aliasesTSV, gazetteerTSV, worldTSV); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadSyrian is the table before the world gazetteer, for scale.
func BenchmarkLoadSyrian(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(aliasesTSV, gazetteerTSV); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindWorldPlaces(b *testing.B) {
	tab := Default()
	text := strings.Repeat("Rebels have taken dozens of towns across the north, including Khan Sheikhun and Maaret al-Numan, roughly halfway between Aleppo and Hama, the Observatory said. Iraqi forces retook Mosul and Falluja, and Turkey closed its border. ", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tab.FindWorldPlaces(text)
	}
}
