package satellogic

import "github.com/eotask/eotask/tasking"

// TaskLifecycle is the task transition table from Satellogic's tasking
// introduction, including the documented backward moves pending → planning
// (an allocated capture was lost) and in_progress → planning (a capture failed
// and is re-scheduled). Window-end moves out of planning cover a task whose
// re-planning finds no opportunity before the window closes. TaskRejected is
// reachable from received only, defensively.
var TaskLifecycle = tasking.NewLifecycle("Satellogic task",
	[]TaskStatus{TaskReceived},
	[]TaskStatus{TaskCompleted, TaskPartiallyCompleted, TaskFailed, TaskCanceled, TaskRejected},
	tasking.Transition[TaskStatus]{From: TaskReceived, To: TaskPlanning, Label: "next planning cycle"},
	tasking.Transition[TaskStatus]{From: TaskPlanning, To: TaskPending, Label: "capture queued"},
	tasking.Transition[TaskStatus]{From: TaskPending, To: TaskInProgress, Label: "under 12 h to the first capture"},
	tasking.Transition[TaskStatus]{From: TaskPending, To: TaskPlanning, Label: "allocated capture lost"},
	tasking.Transition[TaskStatus]{From: TaskInProgress, To: TaskPlanning, Label: "capture failed, re-scheduling"},
	tasking.Transition[TaskStatus]{From: TaskInProgress, To: TaskCompleted, Label: "all required captures published"},
	tasking.Transition[TaskStatus]{From: TaskInProgress, To: TaskPartiallyCompleted, Label: "window ended, some published"},
	tasking.Transition[TaskStatus]{From: TaskInProgress, To: TaskFailed, Label: "window ended, none published"},
	tasking.Transition[TaskStatus]{From: TaskPlanning, To: TaskPartiallyCompleted, Label: "window ended, some published"},
	tasking.Transition[TaskStatus]{From: TaskPlanning, To: TaskFailed, Label: "window ended, none published"},
	tasking.Transition[TaskStatus]{From: TaskReceived, To: TaskCanceled, Label: "user cancel"},
	tasking.Transition[TaskStatus]{From: TaskPlanning, To: TaskCanceled, Label: "user cancel"},
	tasking.Transition[TaskStatus]{From: TaskPending, To: TaskCanceled, Label: "user cancel"},
	tasking.Transition[TaskStatus]{From: TaskInProgress, To: TaskCanceled, Label: "user cancel"},
	tasking.Transition[TaskStatus]{From: TaskReceived, To: TaskRejected, Label: "undocumented (legacy)"},
)

// CaptureLifecycle is the capture transition table from Satellogic's tasking
// introduction: queued → processing → published, failing in orbit (queued)
// or on ground (processing).
var CaptureLifecycle = tasking.NewLifecycle("Satellogic capture",
	[]CaptureStatus{CaptureQueued},
	[]CaptureStatus{CapturePublished, CaptureFailed},
	tasking.Transition[CaptureStatus]{From: CaptureQueued, To: CaptureProcessing, Label: "collected and downloaded"},
	tasking.Transition[CaptureStatus]{From: CaptureQueued, To: CaptureFailed, Label: "collection or download failed"},
	tasking.Transition[CaptureStatus]{From: CaptureProcessing, To: CapturePublished, Label: "delivered"},
	tasking.Transition[CaptureStatus]{From: CaptureProcessing, To: CaptureFailed, Label: "processing or QC failed"},
)
