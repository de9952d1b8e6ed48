package satellogic

import "errors"

// Error answers of the Aleph API (Django REST Framework bodies such as
// {"detail": "..."}, {"message": "..."} or {"field": ["..."]}) are read by
// the shared transport into a *tasking.APIError: its Message carries the
// body's text, and errors.Is matches it against the tasking sentinels by its
// status (tasking.ErrNotFound, tasking.ErrUnauthorized,
// tasking.ErrRateLimited, …). Satellogic documents no error codes, so Kind is
// not set. The errors below are the package's own.

// ErrNoContract is returned, before any request is sent, by calls that need a
// contract when the client has none. List the contracts with
// [ContractsService.List] and use [Client.WithContract].
var ErrNoContract = errors.New("satellogic: no contract id: set Credentials.ContractID or use Client.WithContract")

// ErrAnalysisFailed is returned (wrapped) by AnalysisService.Run and by the
// adapter's Estimate when an analysis ends in a failed state.
var ErrAnalysisFailed = errors.New("satellogic: analysis failed")
