# libvision for Python: what Crowd and Plate share.
#
# Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
"""_Handle: an owned C handle with close(), a lock, and callbacks that never
let a Python exception cross C."""

import ctypes
import threading
import weakref

from . import _native
from ._native import lib
from .errors import Error, VisionError, check


def set_fields(struct, values, what):
    """Set struct fields from a dict, refusing unknown names and the version."""
    names = {name for name, _ in struct._fields_} - {"version", "reserved"}
    for key, value in values.items():
        if key not in names:
            raise VisionError(Error.OPTION, "unknown %s %r (known: %s)"
                              % (what, key, ", ".join(sorted(names))))
        try:
            setattr(struct, key, value)
        except TypeError as e:
            raise VisionError(Error.OPTION, "%s %r: %s" % (what, key, e)) from None


class _Handle:
    _kind = "handle"

    def __init__(self):
        self._ptr = None
        # Serialises calls from several Python threads (the C rule is one
        # thread at a time per handle). Re-entrant, so that a call from
        # inside the handle's own callback reaches C and gets
        # VISION_E_REENTRANT instead of deadlocking.
        self._lock = threading.RLock()
        self._in_callback = False
        self._callback = None
        self._pending = None  # the first exception raised by the callback
        self._events = None  # events of the running call

    # -- errors -------------------------------------------------------------

    def _handle(self):
        if self._ptr is None:
            raise VisionError(Error.INVALID_ARGUMENT, "the %s is closed" % self._kind)
        return self._ptr

    def _check(self, rc):
        if rc >= 0:
            return rc
        detail = lib.last_error().decode("utf-8", "replace")
        if not detail and self._ptr is not None:
            detail = self._last_error_fn(self._ptr).decode("utf-8", "replace")
        raise VisionError(rc, detail)

    # -- callbacks ----------------------------------------------------------

    def _deliver(self, event):
        """Called from the C trampoline with a Python copy of the event."""
        if self._events is not None:
            self._events.append(event)
        if self._callback is None or self._pending is not None:
            return
        self._in_callback = True
        try:
            self._callback(event)
        except BaseException as e:  # never let it unwind through C
            self._pending = e
        finally:
            self._in_callback = False

    def _run(self, fn, *args):
        """Call a C function that may fire events; return (rc, events) and
        re-raise what the callback raised, after C has returned."""
        with self._lock:
            outer = self._events
            self._events = []
            try:
                rc = fn(self._handle(), *args)
                events = self._events
            finally:
                self._events = outer
            if outer is None:  # not a nested call from inside the callback
                pending, self._pending = self._pending, None
                if pending is not None:
                    raise pending
            self._check(rc)
            return events

    # -- lifetime -----------------------------------------------------------

    @property
    def closed(self):
        return self._ptr is None

    def close(self):
        """Free the C handle. Idempotent; every later call raises
        VisionError(INVALID_ARGUMENT). From inside the handle's own callback
        it raises VisionError(REENTRANT) and the handle stays open."""
        with self._lock:
            if self._ptr is None:
                return
            if self._in_callback:
                raise VisionError(Error.REENTRANT, "close() called from inside the %s's own "
                                  "callback" % self._kind)
            self._check(self._free(self._ptr))
            self._ptr = None
            self._trampoline = None
            self._callback = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def _free(self, ptr):  # pragma: no cover - overridden
        raise NotImplementedError


def new_handle(new_fn, options):
    """Call vision_x_new(&out, options); the pointer or VisionError."""
    out = ctypes.c_void_p()
    check(new_fn(ctypes.byref(out), ctypes.byref(options)))
    return out.value


def pts_or_none(value):
    """A C timestamp in nanoseconds, or None for VISION_PTS_NONE."""
    return None if value == _native.PTS_NONE else value


def event_trampoline(handle, fn_type, convert):
    """The C callback of a handle: it converts each event with convert()
    and hands it to handle._deliver(). It runs inside vision_x_process(),
    so it never raises: whatever escapes is kept on the handle for
    process() to raise. The handle is held weakly, so the callback keeps
    nothing alive."""
    ref = weakref.ref(handle)

    def trampoline(event, user_data):
        owner = None
        try:
            owner = ref()
            if owner is not None:
                owner._deliver(convert(event.contents))
        except BaseException as e:  # pragma: no cover - _deliver catches already
            if owner is not None and owner._pending is None:
                owner._pending = e

    return fn_type(trampoline)
