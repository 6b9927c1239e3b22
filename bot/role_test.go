package bot

import "testing"

func TestRoleFit(t *testing.T) {
	for _, c := range []struct {
		asked, speaker string
		want           int
	}{
		{"prime minister", "Tom Hale Prime Minister", 2},
		// another country's office fits less than the archive's own
		{"prime minister", "Ana Lisko Albanian Prime Minister", 1},
		{"prime minister", "Ana Lisko Australia's Prime Minister", 1},
		{"chancellor", "Otto Brandt German Chancellor", 1},
		{"German chancellor", "Otto Brandt German Chancellor", 2},
		{"German chancellor", "Tom Hale Japanese Chancellor", 0},
		// the office's spokesman, aide or wife is not the office
		{"prime minister", "prime minister's spokesman", 0},
		{"prime minister", "Mira Hale prime minister's wife", 0},
		{"prime minister's spokesman", "prime minister's spokesman", 2},
		{"chancellor", "Per Holm shadow chancellor", 0},
	} {
		if got := roleFit(c.asked, c.speaker); got != c.want {
			t.Errorf("roleFit(%q, %q) = %d, want %d", c.asked, c.speaker, got, c.want)
		}
	}
}

func TestIsNationality(t *testing.T) {
	for w, want := range map[string]bool{
		"albanian": true, "japanese": true, "canadian": true, "ukrainian": true, "israeli": true,
		"australias": true, "italian": true, "norway": true,
		"harbour": false, "minister": false, "chancellor": false, "spokesman": false, "the": false,
	} {
		if got := isNationality(w); got != want {
			t.Errorf("isNationality(%q) = %v, want %v", w, got, want)
		}
	}
}
