//go:build golden

package index_test

import (
	"context"

	"github.com/newsroom/newsbot/bot"
)

func init() {
	recordGolden = func(ctx context.Context, rec *recorder, qs []string) map[string]string {
		eng := bot.New(rec, bot.Options{})
		out := make(map[string]string, len(qs))
		for _, q := range qs {
			out[q] = digest(eng.Answer(ctx, bot.Request{Text: q}))
		}
		return out
	}
}
