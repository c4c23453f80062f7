// libyaml, used directly as a system library (no Yams).
#include <yaml.h>
