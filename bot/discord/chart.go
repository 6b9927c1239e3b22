package discord

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/newsroom/newsbot/bot"
)

// Chart size in pixels: what a Discord embed image shows without scaling
// much on a desktop client, and still legible on a phone.
const (
	ChartWidth  = 800
	ChartHeight = 400
	chartDPI    = 96
	// maxChartSources is how many sources get their own line; the rest are
	// drawn as one grey "other sources" series, so the legend stays inside
	// the plot.
	maxChartSources = 7
	// maxChartValueLabels is how many points get their figure written by them.
	maxChartValueLabels = 12
)

// chartGlyphs are filled marker shapes, told apart at embed size.
var chartGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}

// sans sets a text style to Liberation Sans (bundled with gonum/plot, so no
// system font is needed) at size points.
func sans(st *text.Style, size float64) {
	st.Font.Typeface = "Liberation"
	st.Font.Variant = "Sans"
	st.Font.Size = vg.Points(size)
}

// ErrChartPoints is returned for a chart with fewer than two dated points:
// one figure is not a trend.
var ErrChartPoints = errors.New("discord: chart needs two or more dated points")

// TollChart draws c as a PNG line chart of ChartWidth by ChartHeight pixels:
// the figure by report date, one line per source (Point.Label), a legend
// naming them. Points without a date it can read (YYYY-MM-DD, YYYY-MM or
// YYYY) are left out. The same chart gives the same bytes.
func TollChart(c *bot.Chart) ([]byte, error) {
	if c == nil {
		return nil, ErrChartPoints
	}
	series, n := chartSeries(c.Points)
	if n < 2 {
		return nil, ErrChartPoints
	}

	p := plot.New()
	p.Title.Text = c.Title
	p.Title.Padding = vg.Points(6)
	p.BackgroundColor = color.White
	p.X.Label.Text = "Report date"
	p.Y.Label.Text = "Figure reported"
	sans(&p.Title.TextStyle, 14)
	sans(&p.Legend.TextStyle, 10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		sans(&a.Label.TextStyle, 11)
		sans(&a.Tick.Label, 10)
	}
	p.Add(plotter.NewGrid())

	// When no source reported twice there is no line to draw per source:
	// then the reports in date order make one dashed line, the trail the
	// answer gives as "370 → 412 → 514". It is not drawn otherwise, where it
	// would zigzag between sources that disagree.
	var trail *plotter.Line
	if len(series) > 1 && singles(series) {
		var all plotter.XYs
		for _, s := range series {
			all = append(all, s.xys...)
		}
		sortXYs(all)
		var err error
		if trail, err = plotter.NewLine(all); err != nil {
			return nil, fmt.Errorf("discord: chart trail: %w", err)
		}
		trail.Color = color.Gray{Y: 170}
		trail.Width = vg.Points(1.5)
		trail.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		p.Add(trail)
	}

	lo, hi := math.Inf(1), math.Inf(-1)
	first, last := math.Inf(1), math.Inf(-1)
	var values plotter.XYLabels
	for i, s := range series {
		line, points, err := plotter.NewLinePoints(s.xys)
		if err != nil {
			return nil, fmt.Errorf("discord: chart series %q: %w", s.label, err)
		}
		col := plotutil.Color(i)
		shape := chartGlyphs[i%len(chartGlyphs)]
		line.Color = col
		line.Width = vg.Points(2)
		points.Color = col
		points.Shape = shape
		points.Radius = vg.Points(3.5)
		if s.other {
			// Points of different sources: no line between them.
			points.Color, points.Shape = color.Gray{Y: 140}, draw.CircleGlyph{}
			p.Add(points)
			p.Legend.Add(s.label, points)
		} else {
			p.Add(line, points)
			p.Legend.Add(s.label, line, points)
		}
		for _, xy := range s.xys {
			lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
			first, last = math.Min(first, xy.X), math.Max(last, xy.X)
			values.XYs = append(values.XYs, xy)
			values.Labels = append(values.Labels, groupThousands(int64(xy.Y)))
		}
	}
	// Each figure written by its point, while there are few enough to read.
	if n <= maxChartValueLabels {
		labels, err := plotter.NewLabels(values)
		if err != nil {
			return nil, fmt.Errorf("discord: chart labels: %w", err)
		}
		for i := range labels.TextStyle {
			sans(&labels.TextStyle[i], 9)
			labels.TextStyle[i].Color = color.Gray{Y: 60}
			labels.TextStyle[i].XAlign = draw.XCenter
		}
		labels.Offset = vg.Point{Y: vg.Points(7)}
		p.Add(labels)
	}
	if trail != nil {
		p.Legend.Add("all reports", trail)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), -vg.Points(4)

	// Pad both ranges so that no point sits on the frame, and leave the top
	// of the plot to the legend: its entries take about 14 of the roughly 320
	// pixels of plot height each.
	padX := math.Max((last-first)*0.05, 0.5)
	p.X.Min, p.X.Max = first-padX, last+padX
	padY := math.Max((hi-lo)*0.08, 1)
	bottom := math.Max(0, math.Floor(lo-padY))
	entries := len(series)
	if trail != nil {
		entries++
	}
	legend := math.Min(0.6, float64(entries*14+14)/320)
	p.Y.Min, p.Y.Max = bottom, math.Ceil(bottom+(hi+padY-bottom)/(1-legend))
	p.X.Tick.Marker = dayTicks{}
	p.Y.Tick.Marker = integerTicks{}

	w := vg.Length(ChartWidth) * vg.Inch / chartDPI
	h := vg.Length(ChartHeight) * vg.Inch / chartDPI
	canvas := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(canvas))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("discord: chart png: %w", err)
	}
	return buf.Bytes(), nil
}

type chartLine struct {
	label string
	other bool
	first float64 // day of its first point, for the order
	xys   plotter.XYs
}

// chartSeries groups the dated points by source, each source's points by
// date, sources by their first date then name, so that colours and legend
// order depend on the data only. It returns the series and the number of
// dated points.
func chartSeries(points []bot.Point) ([]chartLine, int) {
	by := map[string]*chartLine{}
	n := 0
	for _, pt := range points {
		day, ok := chartDay(pt.Date)
		if !ok {
			continue
		}
		n++
		label := pt.Label
		if label == "" {
			label = "unnamed source"
		}
		s := by[label]
		if s == nil {
			s = &chartLine{label: label, first: day}
			by[label] = s
		}
		s.first = math.Min(s.first, day)
		s.xys = append(s.xys, plotter.XY{X: day, Y: float64(pt.Value)})
	}
	lines := make([]chartLine, 0, len(by))
	for _, s := range by {
		lines = append(lines, *s)
	}
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].first != lines[j].first {
			return lines[i].first < lines[j].first
		}
		return lines[i].label < lines[j].label
	})
	if len(lines) > maxChartSources {
		other := chartLine{other: true}
		for _, s := range lines[maxChartSources-1:] {
			other.xys = append(other.xys, s.xys...)
		}
		other.label = strconv.Itoa(len(lines)-maxChartSources+1) + " other sources"
		lines = append(lines[:maxChartSources-1], other)
	}
	for i := range lines {
		sortXYs(lines[i].xys)
	}
	return lines, n
}

func singles(series []chartLine) bool {
	for _, s := range series {
		if len(s.xys) > 1 {
			return false
		}
	}
	return true
}

// sortXYs orders points by date, then figure: running tolls only grow.
func sortXYs(xys plotter.XYs) {
	sort.Slice(xys, func(a, b int) bool {
		if xys[a].X != xys[b].X {
			return xys[a].X < xys[b].X
		}
		return xys[a].Y < xys[b].Y
	})
}

// chartDay reads a report date as days since 1970-01-01; a month or a year
// alone stands at its first day.
func chartDay(date string) (float64, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, date); err == nil {
			return float64(t.Unix() / 86400), true
		}
	}
	return 0, false
}

func dayTime(day float64) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// dayTicks labels the x axis with whole days, weeks, months or years,
// whichever puts four to eight labels on it.
type dayTicks struct{}

func (dayTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := math.Ceil(min), math.Floor(max)
	span := hi - lo
	var ticks []plot.Tick
	add := func(t time.Time, format string) {
		d := float64(t.Unix() / 86400)
		if d >= lo && d <= hi {
			ticks = append(ticks, plot.Tick{Value: d, Label: t.Format(format)})
		}
	}
	start := dayTime(lo)
	switch {
	case span <= 60:
		step := 1.0
		for _, s := range []float64{1, 2, 3, 7, 14} {
			step = s
			if span/s <= 8 {
				break
			}
		}
		if step == 7 || step == 14 {
			// start weeks on a Monday, so the labels look chosen
			for start.Weekday() != time.Monday {
				start = start.AddDate(0, 0, 1)
			}
		}
		for t := start; float64(t.Unix()/86400) <= hi; t = t.AddDate(0, 0, int(step)) {
			add(t, "2 Jan 2006")
		}
	case span <= 3*366:
		months := 1
		for _, m := range []int{1, 2, 3, 6} {
			months = m
			if span/(30.4*float64(m)) <= 8 {
				break
			}
		}
		t := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		if t.Before(start) {
			t = t.AddDate(0, 1, 0)
		}
		for ; float64(t.Unix()/86400) <= hi; t = t.AddDate(0, months, 0) {
			add(t, "Jan 2006")
		}
	default:
		years := int(math.Max(1, math.Ceil(span/365.25/8)))
		t := time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		if t.Before(start) {
			t = t.AddDate(1, 0, 0)
		}
		for ; float64(t.Unix()/86400) <= hi; t = t.AddDate(years, 0, 0) {
			add(t, "2006")
		}
	}
	if len(ticks) < 2 {
		// A span too short for the steps above: label both ends.
		ticks = []plot.Tick{{Value: lo, Label: dayTime(lo).Format("2 Jan 2006")}}
		if hi > lo {
			ticks = append(ticks, plot.Tick{Value: hi, Label: dayTime(hi).Format("2 Jan 2006")})
		}
	}
	return ticks
}

// integerTicks keeps the default ticks that fall on whole numbers and
// writes them with thousands separators: a toll is a count.
type integerTicks struct{}

func (integerTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if t.Label != "" {
			t.Label = groupThousands(int64(t.Value))
		}
		out = append(out, t)
	}
	return out
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}
