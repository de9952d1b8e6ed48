// Package tasking is the provider-neutral core of eotask.
//
// It holds the vocabulary every provider package maps onto: the neutral
// [Status] and [CaptureStatus] enums, the [Lifecycle] transition tables, the
// neutral [Task] view and the [Provider] interface, the generic pagination
// iterator [Seq], the polling helpers [Wait] and [Watch], the error model
// ([APIError], [ValidationError], [DecodeError] and the sentinels) and the
// [RetryPolicy] that the HTTP core applies.
//
// Provider packages (planet, satellogic, clearsky, capella) speak their own
// wire formats; this package is what lets one program treat them alike.
package tasking
