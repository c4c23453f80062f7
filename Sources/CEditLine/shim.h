// libedit (BSD editline), used directly as a system library.
#include <stdio.h>
#include <histedit.h>
