package tasking_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
)

// Money strings are read strictly; a string that could be read two ways is
// an error, never a guess.
func ExampleParsePrice() {
	for _, s := range []string{"$1,000.00", "12.50 EUR", "1.000,00 EUR"} {
		p, err := tasking.ParsePrice(s, "")
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(p)
	}
	c, err := tasking.Money(10, "EUR").Compare(tasking.Units(3, "quota units"))
	fmt.Println(c, err)
	// Output:
	// 1000.00 USD
	// 12.50 EUR
	// error: price "1.000,00 EUR": amount "1.000,00": want digits after the decimal point
	// 0 prices in different units cannot be compared: currency EUR and unit quota units
}

// Compare the providers, choose a pass by a rule, and book exactly that pass.
func ExampleRank() {
	ctx := context.Background()
	a, b := &providertest.Fake{ProviderName: "alpha"}, &providertest.Fake{ProviderName: "beta"}
	start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
	req := &tasking.Request{Name: "field", Geometry: orb.Point{10.1, 55.6}, Start: start, End: start.Add(72 * time.Hour)}

	quotes := tasking.Compare(ctx, req, a, b)
	ranked := tasking.Rank(quotes, tasking.LeastCloud)
	for _, o := range ranked[:3] {
		fmt.Printf("%s %s cloud %.0f%% off-nadir %.0f°\n", o.Provider, o.ID, *o.CloudCover, *o.OffNadir)
	}

	choice := tasking.Best(quotes, tasking.LeastCloud)
	book := *req
	book.Opportunity = choice
	p := map[string]tasking.Provider{"alpha": a, "beta": b}[choice.Provider]
	task, err := p.Submit(ctx, &book)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("booked", task.Provider, task.ID, task.Start.Equal(choice.Start))
	// Output:
	// alpha pass-3 cloud 32% off-nadir 11°
	// beta pass-3 cloud 32% off-nadir 11°
	// alpha pass-2 cloud 36% off-nadir 8°
	// booked alpha alpha-000001 true
}

// Once a task has completed, list what it produced and download every file,
// verified, resumable, a few at a time.
func ExampleDownloadAll() {
	ctx := context.Background()
	p := &providertest.Fake{ProviderName: "alpha"}
	start := time.Now().Add(time.Hour)
	task, _ := p.Submit(ctx, &tasking.Request{Geometry: orb.Point{1, 2}, Start: start, End: start.Add(time.Hour)})
	task, _ = tasking.WaitTask(ctx, p, task.ID, &tasking.WaitOptions{MinDelay: time.Millisecond})

	dir, _ := os.MkdirTemp("", "eotask-example")
	defer os.RemoveAll(dir)
	d := tasking.Provider(p).(tasking.Deliverer)
	for capture, err := range d.Captures(ctx, task.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		assets, err := d.Assets(ctx, capture)
		if err != nil {
			fmt.Println(err)
			return
		}
		got, err := tasking.DownloadAll(ctx, assets, dir, &tasking.DownloadOptions{Concurrency: 2})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, g := range got {
			rel, _ := filepath.Rel(dir, g.Path)
			fmt.Printf("%s %d bytes, verified by %s\n", rel, g.Size, g.Verified)
		}
	}
	// Output:
	// alpha-000001-c1/visual.tif 54000 bytes, verified by md5
	// alpha-000001-c1/metadata.json 30000 bytes, verified by md5
}
