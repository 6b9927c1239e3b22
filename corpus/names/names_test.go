package names

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Khan Cheikhoun", "Khan Sheikhun"},
		{"Khan Shaykhun", "Khan Shaykhūn"},
		{"Tall Rif‘at", "Tal Rifaat"},
		{"Tall Rif'at", "Tal Rifaat"},
		{"Hayat Tahrir Al Sham", "Hayat Tahrir al-Sham"},
		{"Bashar al-Assad", "Bashar Assad"},
		{"Al Assad", "Assad"},
		{"al-Assad", "Assad"},
		{"Assad's", "Assad"},
		{"Deir ez-Zor", "Deir Zor"},
		{"Maaret al-Numan", "Maaret el Numan"},
		{"Jisr ash Shughur", "Jisr Shughur"},
		{"  Ḩamāh\t", "hamah"},
		{"Dārayyā", "Darayya"},
	}
	for _, tt := range tests {
		if ka, kb := Key(tt.a), Key(tt.b); ka != kb {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", tt.a, ka, tt.b, kb)
		}
	}
	// English "as" and "at" are not articles in running text
	if got := Key("Deir ez-Zor"); got != "deir zor" {
		t.Errorf("Key(Deir ez-Zor) = %q", got)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Khān  Shaykhūn", "khan shaykhun"},
		{"“Aleppo” — Syria’s", "\"aleppo\" - syria's"},
		{"Tell Rifaâte", "tell rifaate"},
		{"Ae\u0301", "ae"}, // decomposed accent
		{"\xff bad", "bad"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	tab := Default()
	tests := []struct {
		canonical string
		kind      Kind
		spellings []string
	}{
		{"Hayat Tahrir al-Sham", Actor, []string{"HTS", "Hayat Tahrir al-Sham", "Hayat Tahrir Al Sham", "hayat tahrir al sham"}},
		{"Syrian Observatory for Human Rights", Org, []string{"SOHR", "OSDH", "Syrian Observatory for Human Rights", "the Observatory", "war monitor", "observatory", "the observatory"}},
		{"Bashar al-Assad", Person, []string{"Bashar al-Assad", "Al Assad", "Assad", "al-Assad", "Bashar Al Assad"}},
		{"Khan Sheikhun", Place, []string{"Khan Sheikhun", "Khan Cheikhoun", "Khan Shaykhun", "Khān Shaykhūn", "Khane Cheikhoun"}},
		{"Tal Rifaat", Place, []string{"Tal Rifaat", "Tall Rif'at", "Tall Rif‘at", "Tell Rifaat"}},
		{"U.N. Office for the Coordination of Humanitarian Affairs", Org, []string{"OCHA", "U.N. Office for the Coordination of Humanitarian Affairs", "United Nations Office for the Coordination of Humanitarian Affairs"}},
		{"Kremlin", Org, []string{"Kremlin", "the Kremlin"}},
		{"SDF", Actor, []string{"SDF", "Syrian Democratic Forces"}},
		{"YPG", Actor, []string{"YPG", "People's Protection Units"}},
		{"SANA", Org, []string{"SANA", "official Syrian news agency"}},
		{"government", Actor, []string{"government", "regime", "army", "Syrian regime forces", "government forces"}},
		{"rebels", Actor, []string{"rebels", "insurgents", "opposition", "rebel fighters"}},
		{"pro-Turkey factions", Actor, []string{"pro-Turkey factions", "Turkish-backed factions", "Turkish-backed rebels"}},
		{"Kurdish forces", Actor, []string{"Kurdish forces", "the Kurdish forces", "Kurdish fighters"}},
		{"Maaret al-Numan", Place, []string{"Maaret al-Numan", "Maarat al-Numan", "Ma'arrat al-Nu'man"}},
		{"Aleppo", Place, []string{"Aleppo", "Alep", "Halab"}},
		{"Deir ez-Zor", Place, []string{"Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"}},
		{"Raqqa", Place, []string{"Raqqa", "Ar Raqqah", "Rakka"}},
		{"Tabqa", Place, []string{"Thawrah", "Tabqa"}},
		{"Syria", Place, []string{"Syria"}},
		{"Aleppo International Airport", Place, []string{"Aleppo International Airport", "Aleppo airport"}},
		{"Sheikh Maqsoud", Place, []string{"Sheikh Maqsoud", "Cheikh Maqsoud"}},
		{"Idlib province", Place, []string{"Idlib province", "Idlib region"}},
	}
	for _, tt := range tests {
		for _, s := range tt.spellings {
			e, ok := tab.Lookup(s)
			if !ok || e.Canonical != tt.canonical || e.Kind != tt.kind {
				t.Errorf("Lookup(%q) = %q %q %v, want %q %q", s, e.Canonical, e.Kind, ok, tt.canonical, tt.kind)
			}
			if got := tab.Canonical(s); got != tt.canonical {
				t.Errorf("Canonical(%q) = %q", s, got)
			}
		}
	}
	if got := tab.Canonical("Mars"); got != "Mars" {
		t.Errorf("Canonical(unknown) = %q, want it unchanged", got)
	}
	for _, s := range []string{"Idlib", "Homs", "Afrin", "Manbij", "Kobane", "Ghouta", "Daraa", "Ariha", "Atarib", "Sarmada", "Hama province", "Latakia province"} {
		if !tab.IsPlace(s) {
			t.Errorf("IsPlace(%q) = false", s)
		}
	}
	for _, s := range []string{"HTS", "Assad", "Observatory", "Tell", "Qasim"} {
		if tab.IsPlace(s) {
			t.Errorf("IsPlace(%q) = true", s)
		}
	}
}

func TestFindPlaces(t *testing.T) {
	tab := Default()
	tests := []struct {
		text string
		want []string // mention, canonical, in order
	}{
		{"They also seized Aleppo International Airport.", []string{"Aleppo International Airport", "Aleppo International Airport"}},
		{"including Khan Sheikhun and Maaret al-Numan, roughly halfway between Aleppo and Hama",
			[]string{"Khan Sheikhun", "Khan Sheikhun", "Maaret al-Numan", "Maaret al-Numan", "Aleppo", "Aleppo", "Hama", "Hama"}},
		{"the Islamist Hayat Tahrir al-Sham took over Aleppo city, such as Deir ez-Zor", []string{"Aleppo city", "Aleppo", "Deir ez-Zor", "Deir ez-Zor"}},
		{"air raids on several areas of Idlib province in northwest Syria", []string{"Idlib province", "Idlib province", "Syria", "Syria"}},
		{"the strategic town of Tal Rifaat, Syria’s north", []string{"Tal Rifaat", "Tal Rifaat", "Syria’s", "Syria"}},
		{"they tell a tall tale in the hama", nil},
		// a name's first word is no place of its own: Bab al-Nairab is a
		// district of Aleppo, al-Bab a town; Aleppo stays Aleppo before one
		{"strikes on the Bab al-Nairab district of Aleppo", []string{"Aleppo", "Aleppo"}},
		{"rebels took the town of al-Bab and Bab", []string{"al-Bab", "Al-Bab", "Bab", "Al-Bab"}},
		{"the Jabal Badro neighborhood in Aleppo al-Halk area", []string{"Aleppo", "Aleppo"}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range tab.FindPlaces(tt.text) {
			got = append(got, tt.text[sp.Start:sp.End], sp.Entry.Canonical)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindPlaces(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFindActorsAndOrgs(t *testing.T) {
	tab := Default()
	text := "HTS is an alliance; the Observatory said who is in the Syrian Observatory for Human Rights (OSDH)."
	var got []string
	for _, sp := range tab.Find(text, Actor, Org) {
		got = append(got, text[sp.Start:sp.End])
	}
	want := "HTS|the Observatory|Syrian Observatory for Human Rights|OSDH"
	if strings.Join(got, "|") != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, data := range []string{"place", "planet\tMars\t"} {
		if _, err := Parse(data, ""); err == nil {
			t.Errorf("Parse(%q): want an error", data)
		}
	}
}

func FuzzFoldKey(f *testing.F) {
	for _, s := range []string{"Khān Shaykhūn", "Tall Rif‘at", "al-", "'s", "Al", "\xff\xfe", "a''b", "as-Suwayda", "ÆØÅ"} {
		f.Add(s)
	}
	tab := Default()
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Fold(s), Key(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 from %q: %q", s, out)
			}
		}
		for _, sp := range tab.Find(s) {
			if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
				t.Fatalf("span %d:%d outside %q", sp.Start, sp.End, s)
			}
		}
	})
}

func BenchmarkFindPlaces(b *testing.B) {
	tab := Default()
	text := strings.Repeat("Rebels have taken dozens of towns across the north, including Khan Sheikhun and Maaret al-Numan, roughly halfway between Aleppo and Hama, the Observatory said. ", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tab.FindPlaces(text)
	}
}
