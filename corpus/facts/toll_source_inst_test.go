package facts

import "testing"

// instBeforeTexts are heads of our own for srcInstBeforeMay: names right
// before the cue, with an appositive, auxiliaries and commas after them.
var instBeforeTexts = []string{
	"The Foreign Office says", "the Turkish General Staff", "The Violations Documentation Center, a monitoring group based in Turkey,",
	"the UN Refugee Agency has", "the World Food Programme, ", "the World Food Program also", "the Ministry of Health in a statement",
	"Office", "Office,", "Offices", "the Office of the", "the Red Cross ,", "the Red Crescent  has  also ,  ", "NewsOffice",
	"the Interior Ministry, the body that runs the police,", "", " ",
}

// TestSrcInstBeforeMay: where srcInstBeforeMay says no, srcInstBeforeRE
// matches nothing, in the 100 bytes before every word end of the texts
// at hand (where a cue may start) and at every cut of instBeforeTexts;
// and the pattern built from its parts is the one written whole before.
func TestSrcInstBeforeMay(t *testing.T) {
	const was = `(?:^|[^\p{L}])((?:\p{Lu}[\p{L}'’.-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,4}(?:Office|Ministry|Staff|Command|Agency|News|Council|Committee|Department|Commission|Observatory|Organisation|Organization|Cross|Crescent|Service|Network|Centre|Center|Authority|Federation|Union|Programme|Program|Fund|Institute|Court|Coalition|Bureau|Police))(?:\s*,\s*(?:an?|the)\s+[^,;.:]{1,50}?,)?(?:\s+(?:has|have|had|also|later|in\s+a\s+statement))*\s*(?:,\s*)?$`
	if srcInstBeforeRE.String() != was {
		t.Fatalf("srcInstBeforeRE is %s, was %s", srcInstBeforeRE, was)
	}
	check := func(head string) {
		if !srcInstBeforeMay(head) && srcInstBeforeRE.MatchString(head) {
			t.Fatalf("srcInstBeforeRE matches %q, its guard says no", head)
		}
	}
	for _, s := range litTexts(t) {
		for i := 1; i <= len(s); i++ {
			if i == len(s) || s[i] == ' ' {
				check(s[max(0, i-100):i])
				check(s[max(0, i-100) : i+min(1, len(s)-i)])
			}
		}
	}
	for _, s := range instBeforeTexts {
		for i := 0; i <= len(s); i++ {
			check(s[:i])
			check(s[i:])
		}
	}
}
