# The flood guard (bot/flood.py): someone sent messages faster than a person types.
flood-slow-down = 您发送消息太快了，请稍候再试。接下来 { $seconds } 秒内发来的消息将不予处理。
