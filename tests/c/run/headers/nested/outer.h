#include "inner.h"
#define OUTER (INNER * 10)
