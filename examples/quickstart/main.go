// Command quickstart shows eotask's neutral status vocabulary. Provider
// simulators join it as their packages land.
package main

import (
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/eotask/eotask/tasking"
)

func main() {
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "neutral status\tterminal\tsuccess\tfailure\tcancelled")
	for _, s := range tasking.Statuses() {
		fmt.Fprintf(w, "%s\t%v\t%v\t%v\t%v\n", s, s.IsTerminal(), s.IsSuccess(), s.IsFailure(), s.IsCancelled())
	}
	w.Flush()
}
