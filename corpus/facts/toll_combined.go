package facts

import (
	"regexp"

	"github.com/newsroom/newsbot/corpus"
)

// tollJointRE is what follows a toll's cue when the figure counts the dead
// and the wounded together: "49 fighters were killed and wounded", "19
// Killed and Injured", "scores of dead and wounded".
// The cue ends the evidence and the second category follows it at once,
// with no figure of its own ("killed six people and injured 32" is two).
var tollJointRE = regexp.MustCompile(`(?i)^\s*(?:and|or|&|/)\s*(?:injured|wounded|hurt|dead|killed)\b(?:\s+(?:in|by|on|at|during|after|when|as|from|members|people|civilians|fighters|soldiers)\b|\s*[.,;:)]|\s*$)`)

// tollCueEndRE is a cue ending the evidence: the figure's own word.
var tollCueEndRE = regexp.MustCompile(`(?i)\b(?:killed|dead|injured|wounded)$`)

// dropJoint leaves out the tolls whose figure counts two categories at
// once: such a figure is neither the killed nor the injured, and stating
// it as either would be a wrong figure.
func dropJoint(a *corpus.Article, ts []Toll) []Toll {
	out := ts[:0]
	for _, t := range ts {
		e := t.Evidence.End
		if (t.Category == Killed || t.Category == Injured) && e >= 0 && e <= len(a.Text) && tollCueEndRE.MatchString(a.Text[max(0, e-10):e]) && tollJointRE.MatchString(a.Text[e:min(len(a.Text), e+40)]) {
			continue
		}
		out = append(out, t)
	}
	return out
}
