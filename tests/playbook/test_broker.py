"""The embedded default broker hands a worker only whole messages (config/broker.py)."""

import threading

from kombu import Connection

from config.broker import Transport

BIG = "x" * 2_000_000  # a message that takes a while to write


def connection(folder):
    for name in ("queue", "processed"):
        (folder / name).mkdir(exist_ok=True)
    return Connection("filesystem://", transport=Transport, transport_options={
        "data_folder_in": str(folder / "queue"), "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"), "control_folder": str(folder / "control"),
        "store_processed": False})


def read_while_writing(folder, messages=30):
    """Publish big messages on one thread while another takes them as fast as it can; return what went wrong."""
    errors, received = [], []
    done = threading.Event()

    def consume():
        with connection(folder) as conn:
            queue = conn.SimpleQueue("grading")
            while not (done.is_set() and len(received) + len(errors) >= messages):
                try:
                    message = queue.get(timeout=0.01)
                except queue.Empty:
                    continue
                except Exception as error:  # the worker's crash: a half-written file read as JSON
                    errors.append(error)
                    continue
                received.append(len(message.payload["body"]))
                message.ack()

    reader = threading.Thread(target=consume)
    reader.start()
    with connection(folder) as conn:
        queue = conn.SimpleQueue("grading")
        for _ in range(messages):
            queue.put({"body": BIG})
    done.set()
    reader.join(timeout=60)
    return errors, received


def test_a_worker_never_reads_a_message_before_it_is_written_whole(tmp_path):
    """With kombu's own filesystem transport the same run reads a half-written message (or exchange table) in 8 of
    10 runs; the worker of `make run` died of it."""
    # kombu's filesystem transport keeps the exchanges and bindings a process has declared in one global state; a
    # test run earlier in this xdist worker against another folder once left this run 28 of its 30 messages. A
    # worker of `make run` has one folder; this run starts from nothing as it does, and the state is put back after.
    state = Transport.global_state
    saved = (dict(state.exchanges), dict(state.bindings), {q: set(b) for q, b in state.queue_index.items()})
    state.clear()
    try:
        errors, received = read_while_writing(tmp_path)
    finally:
        state.clear()
        state.exchanges.update(saved[0])
        state.bindings.update(saved[1])
        state.queue_index.update(saved[2])

    assert errors == []
    assert received == [len(BIG)] * 30
