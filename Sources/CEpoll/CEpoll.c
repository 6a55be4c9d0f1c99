// Intentionally empty: the module exists for its header.
#include "CEpoll.h"
