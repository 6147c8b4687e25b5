/*
 * tendo/tendo.h - the whole public API of libtendo in one include.
 *
 * If a function, type or constant is not declared under include/tendo/, it
 * is not part of the API and may change. The rules' thresholds
 * (tendo/clinical.h) are not pulled in here: include that header where
 * they are wanted.
 */
#ifndef TENDO_TENDO_H
#define TENDO_TENDO_H

#include "common.h"
#include "error.h"
#include "buf.h"
#include "date.h"
#include "values.h"
#include "model.h"
#include "store.h"
#include "diary.h"
#include "import.h"
#include "json.h"
#include "documents.h"
#include "fit.h"
#include "activity.h"
#include "load.h"
#include "history.h"
#include "loader.h"
#include "rehab.h"
#include "rules.h"
#include "assess.h"
#include "ics.h"
#include "plan.h"
#include "report.h"
#include "workout.h"
#include "serve.h"

#endif
