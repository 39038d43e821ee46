"""What the PyInstaller specs (packaging/linux/jundesk.spec, packaging/windows/jundesk.spec)
share: the entry point, the data that travels with the program, the modules only Alembic
and keyring load by name, and the parts of Qt and Python JunDesk never uses.

PyInstaller runs the specs as Python with SPECPATH set; they import this file from
packaging/.
"""

from __future__ import annotations

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "packaging" / "jundesk_main.py")
NAME = "jundesk"

# The resources, and the migration scripts Alembic reads as files (not from the archive).
DATAS = [
    *collect_data_files("jundesk", include_py_files=True, subdir="resources"),
    *collect_data_files("jundesk", include_py_files=True, subdir="store/migrations"),
    *collect_data_files("jundesk", include_py_files=True, subdir="sync/hub_migrations"),
    (str(ROOT / "LICENSE"), "."),
    # The third-party notices' versions (About) and keyring's backends (entry points).
    *[
        item
        for dist in (
            "jundesk",
            "PySide6",
            "shiboken6",
            "tweepy",
            "Mastodon.py",
            "atproto",
            "python-telegram-bot",
            "regex",
            "SQLAlchemy",
            "alembic",
            "requests",
            "keyring",
            "platformdirs",
            "psycopg",
            "qasync",
            "pyqtgraph",
            "numpy",
        )
        for item in copy_metadata(dist)
    ],
]

# Imported by name at run time: the migration scripts, keyring's backends, the driver.
HIDDEN = [
    *collect_submodules("jundesk"),
    *collect_submodules("keyring.backends"),
    "alembic.op",
    "alembic.context",
    "alembic.runtime.environment",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg_binary",
    # pyqtgraph imports these by name (Qt/OpenGLHelpers.py), drawing or not with OpenGL.
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
]

# Qt modules and Python packages JunDesk never imports (pyqtgraph does need QtOpenGL and
# QtOpenGLWidgets, above); some come in through optional imports of its dependencies and
# would add hundreds of MB (QtWebEngine alone ~200 MB).
QT_UNUSED = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
    "QtAxContainer",
    "QtCanvasPainter",
]
# Parts of the channels' libraries JunDesk never runs: the AT Protocol SDK's umbrella package,
# command line, code generator, lexicons, firehose and Jetstream clients, with what only they
# need (zstandard: Jetstream's compression, and httpx's optional zstd, which it then simply
# doesn't ask for; websockets; click; dnspython: resolving handles over DNS). JunDesk's
# Bluesky channel uses atproto_client alone (tests/intake/test_bluesky_channel.py passes
# with these blocked).
CHANNEL_UNUSED = [
    "atproto",
    "atproto_cli",
    "atproto_codegen",
    "atproto_firehose",
    "atproto_jetstream",
    "atproto_lexicon",
    "zstandard",
    "websockets",
    "click",
    "dns",
]
# NumPy's random numbers and FFT: pyqtgraph uses them only for scatter "beeswarms" and its
# FFT mode, which the Records view never draws (numpy imports both lazily).
NUMPY_UNUSED = ["numpy.random", "numpy.fft"]
EXCLUDES = [
    *(f"PySide6.{name}" for name in QT_UNUSED),
    *CHANNEL_UNUSED,
    *NUMPY_UNUSED,
    "tkinter",
    "pytest",
    "hypothesis",
    "mypy",
    "IPython",
    "PyQt5",
    "PyQt6",
    "PySide2",
]

# Qt files that hooks still bring along: the translations of languages JunDesk doesn't
# speak, and plugins for what it doesn't do (QML tooling, 3D, sensors, SQL drivers...).
_DROP_PARTS = (
    "/qml/",
    "/plugins/qmltooling/",
    "/plugins/qmllint/",
    "/plugins/sqldrivers/",
    "/plugins/sensors/",
    "/plugins/position/",
    "/plugins/geoservices/",
    "/plugins/canbus/",
    "/plugins/texttospeech/",
    "/plugins/webview/",
    "/plugins/renderers/",
    "/plugins/renderplugins/",
    "/plugins/sceneparsers/",
    "/plugins/assetimporters/",
    "/plugins/geometryloaders/",
    "/plugins/designer/",
    "/plugins/scxmldatamodel/",
    "/plugins/printsupport/",
    # QtMultimedia's FFmpeg backend (~23 MB with its libav* libraries) plays and records
    # media; the desk's alerts are QSoundEffect WAVs, which Qt plays without any backend
    # ("Only QMediaDevices, QAudioDevice, QSoundEffect, QAudioSink, and QAudioSource are
    # available"), through the system's PulseAudio or PipeWire.
    "/plugins/multimedia/",
    "libavcodec",
    "libavformat",
    "libavutil",
    "libswscale",
    "libswresample",
    "libQt6FFmpegStub",
    # Platforms for embedded screens (framebuffer, EGLFS/KMS, VNC, Vulkan displays) and
    # their raw input plugins: a desk runs on X11 or Wayland (and offscreen for its checks).
    "/plugins/platforms/libqlinuxfb",
    "/plugins/platforms/libqvkkhrdisplay",
    "/plugins/platforms/libqvnc",
    "/plugins/platforms/libqeglfs",
    "/plugins/egldeviceintegrations/",
    "/plugins/generic/",
    "libQt6EglFSDeviceIntegration",
    "libQt6EglFsKmsSupport",
    # These two would bring QtQuick, QtQml and QtPdf along (~25 MB): an on-screen keyboard
    # and PDF images, neither of which a desk needs.
    "/plugins/platforminputcontexts/libqtvirtualkeyboardplugin",
    "/plugins/imageformats/libqpdf",
    "/plugins/imageformats/qpdf",
    "libQt6Qml",
    "libQt6Quick",
    "libQt6VirtualKeyboard",
    "libQt6Pdf",
    "Qt6Qml",
    "Qt6Quick",
    "Qt6VirtualKeyboard",
    "Qt6Pdf",
)
KEEP_TRANSLATIONS = ("qt_es", "qt_en", "qtbase_es", "qtbase_en", "qtmultimedia_es")


def trimmed(entries: list) -> list:  # type: ignore[type-arg]
    """The TOC without Qt's unused plugins and foreign translations."""
    kept = []
    for entry in entries:
        dest = "/" + str(entry[0]).replace("\\", "/")
        if any(part in dest for part in _DROP_PARTS):
            continue
        foreign = not Path(dest).stem.startswith(KEEP_TRANSLATIONS)
        if "/translations/" in dest and dest.endswith(".qm") and foreign:
            continue
        kept.append(entry)
    return kept


def restore_unstripped(dist: Path) -> None:
    """Put back NumPy's bundled libraries (OpenBLAS, gfortran) as shipped: auditwheel
    patched them, and `strip` on top leaves them unloadable ("ELF load command address/
    offset not page-aligned"). They come stripped already."""
    import shutil

    import numpy

    shipped = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    target = dist / "_internal" / "numpy.libs"
    if not shipped.is_dir() or not target.is_dir():
        return
    for library in shipped.iterdir():
        if (target / library.name).exists():
            shutil.copy2(library, target / library.name)


def windows_icon(target: Path) -> str:
    """The program's icon as a Windows .ico (drawn from resources/icons/app.svg by Qt's
    own ICO writer), for the spec's EXE; returns its path."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    renderer = QSvgRenderer(str(ROOT / "jundesk" / "resources" / "icons" / "app.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "ICO"):
        raise SystemExit(f"could not write {target}")
    return str(target)
