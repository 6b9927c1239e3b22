package bot

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"

	"github.com/newsroom/newsbot/corpus/names"
)

//go:embed roles.tsv
var rolesData string

type roleForm struct {
	re   *regexp.Regexp
	alts []string
}

var roleForms = sync.OnceValue(func() []roleForm {
	var out []roleForm
	for _, line := range strings.Split(rolesData, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		short, alts, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		out = append(out, roleForm{re: regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(strings.TrimSpace(short)) + `\b`), alts: strings.Split(strings.TrimSpace(alts), "|")})
	}
	return out
})

// roleVariants are the other ways copy writes an asked speaker: "the Fed
// chairman" as "Federal Reserve chairman", "defence" as "defense".
func roleVariants(s string) []string {
	var out []string
	for _, f := range roleForms() {
		loc := f.re.FindStringIndex(s)
		if loc == nil {
			continue
		}
		for _, a := range f.alts {
			v := s[:loc[0]] + a + s[loc[1]:]
			if names.Key(v) != names.Key(s) {
				out = append(out, v)
			}
		}
	}
	return out
}

// roleNouns make a speaker a role rather than a name.
var roleNouns = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true, "minister": true, "governor": true,
	"head": true, "chief": true, "official": true, "officials": true, "witness": true, "witnesses": true, "envoy": true, "commander": true,
	"president": true, "chairman": true, "secretary": true, "ambassador": true, "leader": true, "director": true, "mayor": true,
	"activist": true, "activists": true, "resident": true, "residents": true, "source": true, "sources": true, "monitor": true,
	"chancellor": true, "premier": true, "general": true, "doctor": true, "medic": true, "medics": true, "representative": true,
	"coordinator": true, "negotiator": true, "mp": true, "pm": true, "fm": true, "manager": true, "coach": true, "chair": true}

// keyed rewrites a word set in the folded form significantTokens gives
// ("witness" is "witnes" once doubled letters fold).
func keyed(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for w := range m {
		out[names.Key(w)] = true
	}
	return out
}

func init() {
	roleNouns, nationality, qualifiers = keyed(roleNouns), keyed(nationality), keyed(qualifiers)
}

func isRole(s string) bool {
	for _, t := range significantTokens(s) {
		if roleNouns[t] {
			return true
		}
	}
	return false
}

// nationality words may be missing from a role as copy writes it, and
// another one than asked means another office.
var nationality = map[string]bool{"syrian": true, "syria": true, "russian": true, "russia": true, "turkish": true, "turkey": true,
	"american": true, "us": true, "u": true, "british": true, "britain": true, "uk": true, "french": true, "france": true,
	"iranian": true, "iran": true, "iraqi": true, "israeli": true, "german": true, "germany": true, "lebanese": true,
	"jordanian": true, "saudi": true, "qatari": true, "egyptian": true, "chinese": true, "italian": true, "spanish": true,
	"scottish": true, "welsh": true, "irish": true, "european": true, "eu": true,
	// possessives as folded copy writes them: "France's foreign minister"
	"syrias": true, "russias": true, "turkeys": true, "frances": true, "irans": true, "iraqs": true, "israels": true,
	"britains": true, "americas": true, "germanys": true, "jordans": true, "lebanons": true, "egypts": true,
	"qatars": true, "chinas": true, "us-led": true, "saudis": true, "kurdistan": true}

// isNationality reports a folded word that names a country or its people:
// the hand list, a country of the gazetteer ("australia", "australias" as
// folded copy writes "Australia's"), or a demonym made from one
// ("albanian", "japanese", "canadian", "ukrainian", "israeli").
func isNationality(w string) bool {
	if nationality[w] {
		return true
	}
	if len(w) < 4 {
		return false
	}
	t := names.Default()
	cands := []string{w, strings.TrimSuffix(w, "s"), w[:len(w)-1]}
	for _, suf := range []string{"ian", "ese", "ish"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 {
			cands = append(cands, stem, stem+"y", stem+"a", stem+"e")
		}
	}
	for _, c := range cands {
		if t.IsCountry(c) {
			return true
		}
	}
	return false
}

// qualifiers change which office a role is: the shadow chancellor is not
// the chancellor, nor the former one.
var qualifiers = map[string]bool{"shadow": true, "former": true, "ex": true, "deputy": true, "vice": true, "assistant": true,
	"junior": true, "acting": true, "late": true,
	// "the prime minister's spokesman" speaks for the office, not as it
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "spokesmen": true, "aide": true, "aides": true,
	"adviser": true, "advisers": true, "advisor": true, "office": true, "wife": true, "husband": true}

// roleFit scores how well a statement's speaker and role fit an asked
// role: 2 when every word matches, 1 when only a nationality is missing
// from either side;
// 0 when a qualifier or another nationality makes it another office.
func roleFit(asked, speakerAndRole string) int {
	want := significantTokens(asked)
	have := strings.Fields(names.Key(speakerAndRole))
	has := func(w string) bool {
		for _, h := range have {
			if tokenLike(w, h) {
				return true
			}
		}
		return false
	}
	fit := 2
	for _, w := range want {
		if has(w) {
			continue
		}
		if !isNationality(w) {
			return 0
		}
		fit = 1
	}
	for _, h := range have {
		wanted := false
		for _, w := range want {
			if tokenLike(w, h) {
				wanted = true
			}
		}
		if wanted {
			continue
		}
		if qualifiers[h] {
			return 0
		}
		if isNationality(h) && hasNationality(want) {
			return 0
		}
		if isNationality(h) {
			// "the chancellor", "the PM": copy names its own country's
			// office without a nationality; another country's fits less
			fit = min(fit, 1)
		}
	}
	return fit
}

func hasNationality(ts []string) bool {
	for _, t := range ts {
		if isNationality(t) {
			return true
		}
	}
	return false
}

var (
	saysRE        = regexp.MustCompile(`(?i)\b(?:said|says|told|added|stated|declared|warned|insisted|explained)\b`)
	pronounSaidRE = regexp.MustCompile(`(?i)\b(?:he|she|they)\s+(?:said|says|added|told|stated)\b`)
)
