"""Finds text a person cannot read whole: a label, button, tab or combo box whose text is wider than
the room it is drawn in (measured with QFontMetrics against the widget's own rectangles)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 1  # pixels of rounding


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.visibleRegion().isEmpty() is False


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_room(button: QAbstractButton) -> int:
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        rect = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        return rect.width() - 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button) // 2
    return button.width()


def clipped_texts(root: QWidget) -> list[str]:
    """'Kind "text" (needs N px, has M px)' for every text drawn cut off inside `root`."""
    problems: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not text or not _shown(label, root) or label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText or "<" in text or not label.pixmap().isNull():
            continue
        need = max(label.fontMetrics().horizontalAdvance(line) for line in _plain(text).splitlines() or [""])
        room = label.contentsRect().width() - 2 * label.margin() - 2 * label.indent() if label.indent() > 0 else \
            label.contentsRect().width() - 2 * label.margin()
        if need > room + SLACK:
            problems.append(f'label "{text}" (needs {need} px, has {room} px)')
    for button in root.findChildren(QAbstractButton):
        text = button.text()
        if not text or not _shown(button, root):
            continue
        if isinstance(button, (QCheckBox, QRadioButton, QToolButton)):
            need, room = button.sizeHint().width(), button.width()
            if isinstance(button, QToolButton) and button.parent() is not None and \
                    button.parent().inherits("QTabBar"):
                continue
        else:
            need = button.fontMetrics().horizontalAdvance(_plain(text))
            if not button.icon().isNull():
                need += button.iconSize().width() + 4
            room = _button_room(button)
        if need > room + SLACK:
            problems.append(f'{type(button).__name__} "{_plain(text)}" (needs {need} px, has {room} px)')
    for combo in root.findChildren(QComboBox):
        text = combo.currentText()
        if not text or not _shown(combo, root):
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        need = combo.fontMetrics().horizontalAdvance(text)
        if need > field.width() + SLACK:
            problems.append(f'combo "{text}" (needs {need} px, has {field.width()} px)')
    for field in root.findChildren(QLineEdit):
        hint = field.placeholderText()
        if not hint or field.text() or not _shown(field, root) or isinstance(field.parent(), (QComboBox, QAbstractSpinBox)):
            continue
        need = field.fontMetrics().horizontalAdvance(hint)
        margins = field.textMargins()
        room = field.contentsRect().width() - margins.left() - margins.right() - 8
        if field.isClearButtonEnabled():
            room -= 18
        if need > room + SLACK:
            problems.append(f'placeholder "{hint}" (needs {need} px, has {room} px)')
    for bar in root.findChildren(QTabBar):
        if not _shown(bar, root) or bar.usesScrollButtons() and bar.sizeHint().width() > bar.width():
            # tabs that do not fit scroll: each is still whole when scrolled to
            pass
        for i in range(bar.count() if _shown(bar, root) else 0):
            text = _plain(bar.tabText(i))
            need = bar.fontMetrics().horizontalAdvance(text)
            room = bar.tabRect(i).width() - 8
            if need > room + SLACK:
                problems.append(f'tab "{text}" (needs {need} px, has {room} px)')
    for area in root.findChildren(QScrollArea):
        inner = area.widget()
        if inner is None or not _shown(area, root) or not area.widgetResizable():
            continue
        need, room = max(inner.width(), inner.minimumSizeHint().width()), area.viewport().width()
        if need > room + SLACK:  # a screen that only fits by scrolling sideways hides its right edge
            problems.append(f'{area.objectName() or type(area.parentWidget()).__name__} scrolls sideways '
                            f'(needs {need} px, has {room} px)')
    return problems
