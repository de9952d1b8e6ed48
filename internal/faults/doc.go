// Package faults holds the cross-provider fault campaign: the same faults,
// injected by a proxy in front of each provider's simulator, against all four
// clients through the neutral API. See faults_test.go.
package faults
