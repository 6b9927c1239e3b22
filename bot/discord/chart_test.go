package discord

import (
	"bytes"
	"errors"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/bot"
)

var chartOut = flag.String("chart-out", "", "write the test charts as PNG files into this folder, to look at them")

func TestTollChart(t *testing.T) {
	tests := []struct {
		name  string
		chart *bot.Chart
	}{
		{"one source over days", &bot.Chart{Title: "people killed in Aleppo", Points: []bot.Point{
			{Date: "2016-12-01", Value: 370, Label: "SANA"},
			{Date: "2016-12-04", Value: 412, Label: "SANA"},
			{Date: "2016-12-09", Value: 514, Label: "SANA"},
		}}},
		{"three sources, unsorted, an undated point", &bot.Chart{Title: "people killed in Khan Sheikhun", Points: []bot.Point{
			{Date: "2017-04-06", Value: 86, Label: "Syrian Observatory for Human Rights"},
			{Date: "2017-04-04", Value: 58, Label: "Syrian Observatory for Human Rights"},
			{Date: "2017-04-05", Value: 72, Label: "Idlib health directorate"},
			{Date: "2017-04-04", Value: 100, Label: "White Helmets"},
			{Date: "2017-04-07", Value: 87, Label: "Idlib health directorate"},
			{Date: "", Value: 9999, Label: "undated wire"},
		}}},
		{"months and a year", &bot.Chart{Title: "people displaced", Points: []bot.Point{
			{Date: "2015", Value: 12000, Label: "UNHCR"},
			{Date: "2016-03", Value: 250000, Label: "UNHCR"},
			{Date: "2016-11-20", Value: 1200000, Label: "OCHA"},
		}}},
		{"same day", &bot.Chart{Title: "people injured", Points: []bot.Point{
			{Date: "2018-02-20", Value: 3, Label: "a"},
			{Date: "2018-02-20", Value: 5, Label: "b"},
		}}},
		{"many sources", manySources(12)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := TollChart(tt.chart)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if got := img.Bounds().Size(); got.X != ChartWidth || got.Y != ChartHeight {
				t.Fatalf("size %v, want %dx%d", got, ChartWidth, ChartHeight)
			}
			again, err := TollChart(tt.chart)
			if err != nil || !bytes.Equal(b, again) {
				t.Fatalf("second drawing differs (%v)", err)
			}
			// The chart's input order must not matter.
			rev := &bot.Chart{Title: tt.chart.Title}
			for i := len(tt.chart.Points) - 1; i >= 0; i-- {
				rev.Points = append(rev.Points, tt.chart.Points[i])
			}
			if r, err := TollChart(rev); err != nil || !bytes.Equal(b, r) {
				t.Fatalf("reversed input draws differently (%v)", err)
			}
			if *chartOut != "" {
				name := strings.ReplaceAll(tt.name, " ", "_") + ".png"
				if err := os.WriteFile(filepath.Join(*chartOut, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func manySources(n int) *bot.Chart {
	c := &bot.Chart{Title: "people killed"}
	for i := range n {
		c.Points = append(c.Points, bot.Point{Date: "2016-01-" + string(rune('1'+i/9)) + string(rune('1'+i%9)), Value: int64(100 + 10*i), Label: "source " + string(rune('A'+i))})
	}
	return c
}

func TestTollChartTooFew(t *testing.T) {
	for name, c := range map[string]*bot.Chart{
		"nil":        nil,
		"empty":      {Title: "x"},
		"one dated":  {Points: []bot.Point{{Date: "2016-01-01", Value: 1, Label: "a"}, {Date: "", Value: 2, Label: "b"}}},
		"bad dates":  {Points: []bot.Point{{Date: "yesterday", Value: 1}, {Date: "01/02/2016", Value: 2}}},
		"one point":  {Points: []bot.Point{{Date: "2016-01-01", Value: 1}}},
		"no figures": {Points: nil},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := TollChart(c); !errors.Is(err, ErrChartPoints) {
				t.Fatalf("err = %v, want ErrChartPoints", err)
			}
		})
	}
}

func TestChartTicks(t *testing.T) {
	tests := []struct {
		from, to string
		first    string
		maxN     int
	}{
		{"2016-12-01", "2016-12-09", "1 Dec 2016", 9},
		{"2016-01-01", "2016-02-20", "4 Jan 2016", 8},
		{"2015-01-01", "2016-11-20", "Jan 2015", 8},
		{"2001-01-01", "2016-11-20", "2001", 9},
	}
	for _, tt := range tests {
		a, _ := chartDay(tt.from)
		b, _ := chartDay(tt.to)
		ticks := dayTicks{}.Ticks(a, b)
		if len(ticks) < 2 || len(ticks) > tt.maxN || ticks[0].Label != tt.first {
			t.Errorf("%s..%s: %d ticks, first %q", tt.from, tt.to, len(ticks), ticks[0].Label)
		}
	}
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1200000, "1,200,000"}, {-4500, "-4,500"}} {
		if got := groupThousands(tt.n); got != tt.want {
			t.Errorf("groupThousands(%d) = %q", tt.n, got)
		}
	}
	for _, tk := range (integerTicks{}).Ticks(0, 3) {
		if tk.Value != float64(int64(tk.Value)) {
			t.Errorf("fractional tick %v", tk.Value)
		}
	}
}

// The sample's toll chart as the engine gives it today: one point per
// article, labelled by article id.
func TestTollChartSample(t *testing.T) {
	c := &bot.Chart{Title: "death toll", Points: []bot.Point{
		{Date: "2024-12-01", Value: 370, Label: "003_0071e63349a40226"},
		{Date: "2024-12-02", Value: 412, Label: "004_f9b9bb9c8095ce65"},
		{Date: "2024-12-02", Value: 514, Label: "000_8bee64950d4de325"},
	}}
	b, err := TollChart(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	if *chartOut != "" {
		if err := os.WriteFile(filepath.Join(*chartOut, "sample.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkTollChart(b *testing.B) {
	c := manySources(12)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TollChart(c); err != nil {
			b.Fatal(err)
		}
	}
}
