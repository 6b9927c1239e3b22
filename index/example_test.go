package index_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/index"
)

func Example() {
	dir, err := os.MkdirTemp("", "newsbot-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	arts := []*corpus.Article{
		corpus.ParseText("a1", "a1.txt", " date 2024-12-01 Rebels seized Aleppo International Airport, a monitor said.\n\nPresident Bashar al-Assad vowed to fight back."),
		corpus.ParseText("a2", "a2.txt", "Bashar Al Assad's forces shelled the outskirts of Hama.\n"),
	}
	ctx := context.Background()
	st, err := ix.Sync(ctx, arts, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("added %d articles, %d passages\n", st.Added, st.Passages)

	hits, err := ix.Search(ctx, index.SearchRequest{Text: "Assad's", Size: 5})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range hits {
		fmt.Printf("%s para %d: %s\n", h.Meta.ID, h.Para, h.Snippet(0, "[", "]"))
	}

	st, err = ix.Sync(ctx, arts, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("second sync: %d unchanged, %d added\n", st.Unchanged, st.Added)
	// Unordered output:
	// added 2 articles, 3 passages
	// a1 para 1: President Bashar al-[Assad] vowed to fight back.
	// a2 para 0: Bashar Al [Assad's] forces shelled the outskirts of Hama.
	// second sync: 2 unchanged, 0 added
}
