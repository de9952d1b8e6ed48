// Package tasking is the provider-neutral core of eotask.
//
// It holds the vocabulary every provider package maps onto: the neutral
// [Status] and [CaptureStatus] enums, the [Lifecycle] transition tables, the
// neutral [Task] view and the [Provider] interface, the generic pagination
// iterator [Seq], the polling helpers [Wait] and [Watch], the error model
// ([APIError], [ValidationError], [DecodeError] and the sentinels) and the
// [RetryPolicy] that the HTTP core applies.
//
// Beyond one task: [Compare] asks several providers at once, their
// [Opportunity] values are ordered by [Rank] and booked by setting
// Request.Opportunity; [Price] compares amounts without ever converting
// units; a [Deliverer] lists what a task produced ([Capture], [Asset]), and
// [Download], [DownloadTo] and [DownloadAll] fetch the files: streamed,
// resumed with HTTP ranges, verified, written under a temporary name.
//
// Provider packages (planet, satellogic, clearsky, capella) speak their own
// wire formats; this package is what lets one program treat them alike.
package tasking
