"""kombu's filesystem transport (the embedded default broker), with every message whole before a worker sees it.

kombu writes a message straight into its final file name and a worker may move and read that file before the
bytes are in: the worker then dies on `JSONDecodeError: Expecting value` (celery/kombu#1551), and answers stay
queued. Here a message is written under a name the worker never takes (`.part`) and renamed into place, which is
atomic on one filesystem. The exchange's table of queues has the same race when the first process to bind a queue
creates it (created empty, then locked and written), so it is created whole too.
"""

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _queue_bind(self, exchange, routing_key, pattern, queue):
        table = self._exchange_file(exchange)
        if not table.exists():
            self.control_folder.mkdir(exist_ok=True)
            partial = table.with_name(f"{table.name}.{uuid.uuid4()}.part")
            partial.write_bytes(str_to_bytes(dumps([filesystem.exchange_queue_t(routing_key or "", pattern or "",
                                                                                queue or "")])))
            try:
                os.link(partial, table)  # only where no other process created it meanwhile
                return
            except FileExistsError:
                pass
            finally:
                partial.unlink()
        super()._queue_bind(exchange, routing_key, pattern, queue)

    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"  # kombu's own naming and order
        final = os.path.join(self.data_folder_out, name)
        partial = f"{final}.part"  # `_get` takes only names that end in ".<queue>.msg"
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as error:
            raise ChannelError(f"Cannot add file {final!r} to directory") from error


class Transport(filesystem.Transport):
    Channel = Channel
