/*
 * orrery_servo.h: Orrery's C ABI over the Servo web engine (ABI version 1).
 *
 * One Servo runs per process. The thread that calls orrery_servo_init() becomes the engine
 * thread: every other call, except orrery_servo_abi_version, orrery_servo_last_error and
 * orrery_servo_wake, must come from it, or it fails with ORRERY_SERVO_WRONG_THREAD.
 *
 * Calls return ORRERY_SERVO_OK (0) or a result code >= 0 they document, or a negative
 * ORRERY_SERVO_* code; orrery_servo_last_error() then gives the message, on the same thread.
 * Rust panics are caught at the boundary (ORRERY_SERVO_PANICKED); nothing unwinds into the caller.
 *
 * Text is UTF-8. Texts handed in are NUL-terminated; texts handed out are copied into a caller's
 * buffer with their full length returned (no terminator), so a short buffer can be retried.
 *
 * Servo's script engine, SpiderMonkey, installs signal handlers: a JVM that loads this library
 * must run with signal chaining (libjsig.so preloaded).
 */
#ifndef ORRERY_SERVO_H
#define ORRERY_SERVO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ORRERY_SERVO_ABI_VERSION 1

#define ORRERY_SERVO_OK 0
#define ORRERY_SERVO_INVALID_ARGUMENT (-1) /* null pointer, bad size, not UTF-8, unknown view */
#define ORRERY_SERVO_WRONG_THREAD (-2)     /* not the engine thread */
#define ORRERY_SERVO_ENGINE_STATE (-3)     /* not started yet, or started twice */
#define ORRERY_SERVO_FAILED (-4)           /* Servo could not do it; see the message */
#define ORRERY_SERVO_TIMED_OUT (-5)        /* a script ran past its time */
#define ORRERY_SERVO_SCRIPT_ERROR (-6)     /* the script threw or did not compile */
#define ORRERY_SERVO_PANICKED (-7)         /* a panic was caught; the engine may be unusable */

/* Load progress, in orrery_servo_view_state.load_status. */
#define ORRERY_SERVO_LOAD_NONE 0
#define ORRERY_SERVO_LOAD_STARTED 1
#define ORRERY_SERVO_LOAD_HEAD_PARSED 2
#define ORRERY_SERVO_LOAD_COMPLETE 3

/* Console message levels. */
#define ORRERY_SERVO_LEVEL_INFO 1
#define ORRERY_SERVO_LEVEL_WARN 2
#define ORRERY_SERVO_LEVEL_ERROR 3

/* Key modifier bits. */
#define ORRERY_SERVO_SHIFT 1
#define ORRERY_SERVO_CONTROL 2
#define ORRERY_SERVO_ALT 4
#define ORRERY_SERVO_META 8

typedef struct orrery_servo_view_state {
    int32_t width, height;      /* device pixels */
    int32_t load_status;        /* ORRERY_SERVO_LOAD_* */
    int32_t new_frame;          /* 1: Servo has a frame that orrery_servo_view_paint has not read */
    int32_t crashed;            /* 1: the page's content crashed (its message is queued) */
    int32_t messages;           /* console messages waiting for orrery_servo_view_next_message */
    int64_t errors_seen;        /* console errors since the view was made (uncaught ones included) */
    int64_t frame_in_flight_nanos; /* how long the last posted frame has waited for the page; -1 none */
} orrery_servo_view_state;

/* ---- any thread ---------------------------------------------------------------------------- */

int32_t orrery_servo_abi_version(void);
/* The last failure's message on this thread; returns its full length. */
size_t orrery_servo_last_error(char *buffer, size_t capacity);
/* Ends the engine thread's orrery_servo_wait early. */
void orrery_servo_wake(void);

/* ---- the engine thread --------------------------------------------------------------------- */

/* Starts Servo on the calling thread. Once per process. */
int32_t orrery_servo_init(void);
/* Shuts Servo down: closes every view, then waits for Servo's threads to end. Call it before the
 * process exits (SpiderMonkey's static destructors must not find Servo running). Once. */
int32_t orrery_servo_shutdown(void);
/* Lets Servo do the work it has: deliver events, run callbacks, notice new frames. */
int32_t orrery_servo_spin(void);
/* Sleeps until Servo has work, orrery_servo_wake is called, or timeout_millis pass: 1 woken, 0 not. */
int32_t orrery_servo_wait(int32_t timeout_millis);

/* A view of width x height device pixels (1 to 16384 a side) on a software rendering context. */
int32_t orrery_servo_view_create(int32_t width, int32_t height, uint64_t *out_view);
int32_t orrery_servo_view_destroy(uint64_t view);
/* Starts loading url (file:, data:, http:, ...); progress shows in the view's state. */
int32_t orrery_servo_view_load_url(uint64_t view, const char *url);
int32_t orrery_servo_view_resize(uint64_t view, int32_t width, int32_t height);
int32_t orrery_servo_view_poll(uint64_t view, orrery_servo_view_state *out);
/* Takes the oldest console message: returns 1 and fills level and length, or 0 when none. */
int32_t orrery_servo_view_next_message(uint64_t view, char *buffer, size_t capacity,
                                       int32_t *out_level, size_t *out_length);
/* Paints the page and copies it into pixels: exactly width * height * 4 bytes, B, G, R, A
 * (premultiplied), top row first: JavaFX's INT_ARGB_PRE on a little-endian machine. */
int32_t orrery_servo_view_paint(uint64_t view, uint8_t *pixels, size_t length);
/* Hands one frame's values to the page's orrery.onFrame handlers as a Float64Array. Returns 1 if
 * posted, 0 if skipped because the previous frame's values have not reached the page yet. */
int32_t orrery_servo_view_post_frame(uint64_t view, const double *values, int32_t count);
/* Runs script in the page (waiting for the page to load first) and copies its value as JSON. */
int32_t orrery_servo_view_evaluate(uint64_t view, const char *script, int32_t timeout_millis,
                                   char *buffer, size_t capacity, size_t *out_length);
/* Input, in device pixels of the view. Buttons: 0 primary, 1 middle, 2 secondary. */
int32_t orrery_servo_view_pointer_move(uint64_t view, float x, float y);
int32_t orrery_servo_view_pointer_button(uint64_t view, float x, float y, int32_t button,
                                         int32_t pressed);
/* Wheel deltas in pixels; positive y scrolls the page down. */
int32_t orrery_servo_view_wheel(uint64_t view, float x, float y, double delta_x, double delta_y);
/* key: a DOM key value ("a", "Enter", "ArrowLeft"); code: a DOM code ("KeyA"), or "" if unknown. */
int32_t orrery_servo_view_key(uint64_t view, const char *key, const char *code, int32_t pressed,
                              int32_t modifiers);

#ifdef __cplusplus
}
#endif

#endif
