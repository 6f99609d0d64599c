"""TIC Review Desktop (聊城市技术创新中心评审系统).

The package root is the Qt-free core; the Qt layer lives in :mod:`tic_desktop.gui`.
"""

__version__ = "0.1.0"
